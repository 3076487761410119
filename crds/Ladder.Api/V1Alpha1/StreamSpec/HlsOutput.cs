using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>HLS publishing settings.</summary>
public sealed class HlsOutput
{
    /// <summary>Set false to turn HLS off. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Target segment duration; a whole multiple of the profile's gopSeconds. DASH uses the same segments.
    /// Default: two GOPs (4s with the default GOP).
    /// </summary>
    public Duration? SegmentDuration { get; set; }

    /// <summary>Segments listed in the live playlist. Default 6.</summary>
    [Minimum(2)]
    [Maximum(100)]
    public int? Window { get; set; }

    /// <summary>Segment container: fmp4 (CMAF, shared with DASH) or ts. Default fmp4.</summary>
    public HlsContainer? Container { get; set; }
}
