using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>What the runner publishes.</summary>
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
