using Ladder.Pipeline.Publishing;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Which video renditions are degraded: those whose newest segment is <see cref="SegmentsBehind"/> or more segments
/// behind the newest segment of any video rendition (segments share numbers across tracks, RFC 8216 section 4.3.3.2),
/// i.e. whose encoder keeps failing or cannot keep up while another one publishes. A degraded rendition leaves the
/// master playlist and the MPD, so that no new player is sent to it, and comes back with the segment that brings it
/// within reach again. The leading rendition is never degraded, so a ladder keeps at least one variant.
/// </summary>
internal static class LaggingRenditions
{
    /// <summary>How many segments behind the newest a rendition may fall (a restarting encoder misses one or two).</summary>
    public const int SegmentsBehind = 3;

    /// <summary>The ids of the degraded renditions among <paramref name="videos"/> (those with at least one segment).</summary>
    public static IReadOnlySet<string> Of(IReadOnlyCollection<PublishedTrack> videos)
    {
        var newest = videos.Where(v => v.Content.Segments.Count > 0).Select(v => v.Content.Segments[^1].SequenceNumber).DefaultIfEmpty(0).Max();
        return videos.Where(v => v.Content.Segments.Count > 0 && newest - v.Content.Segments[^1].SequenceNumber >= SegmentsBehind)
            .Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
    }
}
