using System.Text;
using k8s.Models;
using Ladder.Api.Resolution;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Cache;

namespace Ladder.Operator.Secrets;

/// <summary>
/// The resolver's view of the Secrets of one namespace, read from the Secret informer's cache. Remembers the lookups
/// that found nothing, so a failed resolution can be reported as <c>SecretNotFound</c>. Values are never logged.
/// </summary>
/// <param name="secrets">The Secret informer's store.</param>
/// <param name="namespace">The stream's namespace.</param>
internal sealed class StoreSecretSource(Store<V1Secret> secrets, string @namespace) : ISecretSource
{
    private readonly List<string> _missing = [];

    /// <summary>The <c>secret/key</c> (or <c>secret</c>) lookups that found nothing.</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <inheritdoc />
    public bool SecretExists(string secretName) => secrets.Get(new ObjectKey(@namespace, secretName)) is not null;

    /// <inheritdoc />
    public string? GetValue(string secretName, string key)
    {
        var secret = secrets.Get(new ObjectKey(@namespace, secretName));
        if (secret?.Data?.TryGetValue(key, out var value) == true)
        {
            return Encoding.UTF8.GetString(value);
        }

        _missing.Add(secret is null ? secretName : secretName + "/" + key);
        return null;
    }
}
