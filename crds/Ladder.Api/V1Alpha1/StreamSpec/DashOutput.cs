using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>DASH publishing settings.</summary>
public sealed class DashOutput
{
    /// <summary>Set false to turn DASH off (e.g. in a stream whose Template enables it). Default true when dash is present.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Segments kept in the MPD's time-shift window. Default: the HLS window.</summary>
    [Minimum(2)]
    [Maximum(100)]
    public int? Window { get; set; }

    /// <summary>Low-latency DASH: CMAF chunks, <c>availabilityTimeOffset</c> and a latency target; off unless <c>lowLatency.enabled: true</c>.</summary>
    public DashLowLatency? LowLatency { get; set; }
}
