using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Where to watch the stream and where to send it.</summary>
public sealed class StreamEndpoints
{
    /// <summary>HLS multivariant playlist URL.</summary>
    [MaxLength(2048)]
    public string? Hls { get; set; }

    /// <summary>DASH MPD URL.</summary>
    [MaxLength(2048)]
    public string? Dash { get; set; }

    /// <summary>Ingest URLs of listening inputs (stream keys masked).</summary>
    [MaxItems(8)]
    public IList<IngestEndpoint>? Ingest { get; set; }
}
