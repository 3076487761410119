using System.Text;
using Ladder.Api.Pipeline;
using Ladder.Pipeline.Publishing;

namespace Ladder.Runner.Status;

/// <summary>
/// Whether a player can start: the first segment of every rendition is published. With HLS on, each rendition's
/// media playlist must list a segment (an <c>#EXTINF</c> tag, RFC 8216 section 4.3.2.1); with only DASH on, the
/// MPD must exist.
/// </summary>
internal static class PublishingReadiness
{
    private static readonly byte[] s_segmentTag = Encoding.ASCII.GetBytes("#EXTINF:");

    /// <summary>True when <paramref name="rendition"/> has published its first segment.</summary>
    /// <param name="spec">The pipeline spec (which outputs are on).</param>
    /// <param name="origin">What the origin serves; null before the pipeline started.</param>
    /// <param name="rendition">The rendition name.</param>
    public static bool IsPublished(PipelineSpec spec, IOriginContent? origin, string rendition)
    {
        if (spec.Outputs.Hls.Enabled)
        {
            return origin?.Get(OriginPaths.HlsPlaylist(rendition)) is { } playlist && playlist.Content.Span.IndexOf(s_segmentTag) >= 0;
        }
        return origin is not null && (!spec.Outputs.Dash.Enabled || origin.Get(OriginPaths.DashManifest) is not null);
    }
}
