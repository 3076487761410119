using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>An address an encoder can push to.</summary>
public sealed class IngestEndpoint
{
    /// <summary>Input name.</summary>
    [MaxLength(32)]
    public string? Input { get; set; }

    /// <summary>URL to push to, with the stream key masked.</summary>
    [MaxLength(2048)]
    public string? Url { get; set; }
}
