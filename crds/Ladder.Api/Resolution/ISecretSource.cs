namespace Ladder.Api.Resolution;

/// <summary>
/// Looks up a Secret value in the stream's namespace: the operator reads the cluster, the runner's standalone
/// mode reads the Secrets in its manifest file, tests use a dictionary.
/// </summary>
public interface ISecretSource
{
    /// <summary>True when the Secret exists (with any keys).</summary>
    bool SecretExists(string secretName);

    /// <summary>The value of <paramref name="key"/> in Secret <paramref name="secretName"/>, or null when either is missing.</summary>
    string? GetValue(string secretName, string key);
}
