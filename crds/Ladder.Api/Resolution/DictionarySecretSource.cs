namespace Ladder.Api.Resolution;

/// <summary>An <see cref="ISecretSource"/> over an in-memory map: secret name to (key to value).</summary>
public sealed class DictionarySecretSource : ISecretSource
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _secrets;

    /// <summary>No secrets at all.</summary>
    public static DictionarySecretSource Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>Wraps the map.</summary>
    public DictionarySecretSource(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets) => _secrets = secrets;

    /// <summary>Builds a source from (secret, key, value) triples.</summary>
    public static DictionarySecretSource Of(params (string Secret, string Key, string Value)[] values) =>
        new(values.GroupBy(v => v.Secret, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, string>)g.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            StringComparer.Ordinal));

    /// <inheritdoc />
    public bool SecretExists(string secretName) => _secrets.ContainsKey(secretName);

    /// <inheritdoc />
    public string? GetValue(string secretName, string key) =>
        _secrets.TryGetValue(secretName, out var data) && data.TryGetValue(key, out var value) ? value : null;
}
