using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>A value taken from a Secret: stream keys and passphrases never appear in a LiveStream in clear.</summary>
public sealed class SecretValueSource
{
    /// <summary>The Secret (same namespace) and key holding the value.</summary>
    [Required]
    public SecretKeySelector? SecretKeyRef { get; set; }
}
