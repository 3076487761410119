using Ladder.Api.Primitives;

namespace Ladder.Api.V1Alpha1;

/// <summary>SRT connection settings.</summary>
public sealed class SrtSettings
{
    /// <summary>Receiver/sender latency; higher rides out more packet loss. Default 200ms.</summary>
    public Duration? Latency { get; set; }

    /// <summary>Encryption passphrase (10 to 79 characters) from a Secret.</summary>
    public SecretValueSource? Passphrase { get; set; }
}
