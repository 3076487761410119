using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>What the runner publishes.</summary>
[CelRule("!has(self.dash) || !has(self.dash.lowLatency) || !has(self.dash.lowLatency.chunkDuration) || !has(self.hls) || !has(self.hls.segmentDuration) || duration(self.dash.lowLatency.chunkDuration).getMilliseconds() * 2 <= duration(self.hls.segmentDuration).getMilliseconds()",
    "dash.lowLatency.chunkDuration must be at most half of hls.segmentDuration", FieldPath = ".dash.lowLatency.chunkDuration")]
[CelRule("!has(self.dash) || !has(self.dash.lowLatency) || !has(self.dash.lowLatency.chunkDuration) || !has(self.hls) || !has(self.hls.lowLatency) || !has(self.hls.lowLatency.enabled) || !self.hls.lowLatency.enabled || duration(self.dash.lowLatency.chunkDuration) == duration(has(self.hls.lowLatency.partTargetDuration) ? self.hls.lowLatency.partTargetDuration : '500ms')",
    "dash.lowLatency.chunkDuration must equal hls.lowLatency.partTargetDuration: both are cut from the same CMAF chunks", FieldPath = ".dash.lowLatency.chunkDuration")]
public sealed class OutputSpec
{
    /// <summary>HLS output, enabled unless enabled: false.</summary>
    public HlsOutput? Hls { get; set; }

    /// <summary>DASH output, enabled when present (unless enabled: false). Shares HLS's segment duration.</summary>
    public DashOutput? Dash { get; set; }

    /// <summary>RTMP/RTMPS/SRT destinations the runner pushes one rendition to (platform restreaming).</summary>
    [MaxItems(8)]
    [ListMap("name")]
    public IList<PushTarget>? Push { get; set; }
}
