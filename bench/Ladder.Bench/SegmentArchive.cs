using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;

namespace Ladder.Bench;

/// <summary>
/// The Ladder child's recording of its whole output, so that the bench can count every frame while the packager keeps
/// only the window a runner serves: each media segment is written to <c>&lt;root&gt;/&lt;track&gt;/&lt;sequence&gt;.m4s</c>
/// as it is published (<see cref="LivePackager.SegmentPublished"/>, on the track's muxing loop, as the ffmpeg CLI's hls
/// muxer writes each segment), and <see cref="Complete"/> then writes the master playlist and the init segments as the
/// origin serves them, and per track a VOD media playlist (RFC 8216 section 4.3.3.5) of every segment under the
/// origin's <c>EXT-X-TARGETDURATION</c>.
/// </summary>
/// <param name="root">The directory: the same layout as the origin's <c>hls/</c>.</param>
internal sealed class SegmentArchive(string root)
{
    private readonly ConcurrentDictionary<string, List<MediaSegment>> _tracks = new(StringComparer.Ordinal);

    /// <summary>Writes the published segment's bytes; each track's segments come from that track's loop alone.</summary>
    /// <param name="sender">The packager.</param>
    /// <param name="published">The track and its segment.</param>
    public void OnPublished(object? sender, SegmentPublishedEventArgs published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var folder = Path.Combine(root, published.TrackId);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, OriginPaths.SegmentFileName(published.Segment.SequenceNumber)), published.Segment.Bytes.Span);
        _tracks.GetOrAdd(published.TrackId, _ => []).Add(published.Segment with { Bytes = ReadOnlyMemory<byte>.Empty });
    }

    /// <summary>Writes the playlists and init segments; call once the packager was disposed (every segment published).</summary>
    /// <param name="origin">The packager, as the origin serves it.</param>
    /// <exception cref="InvalidOperationException">The origin lacks the master playlist, a track's playlist or an init segment.</exception>
    public void Complete(IOriginContent origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        Directory.CreateDirectory(root);
        File.WriteAllBytes(Path.Combine(root, "master.m3u8"), Served(origin, OriginPaths.HlsMaster).Span);
        foreach (var (track, segments) in _tracks)
        {
            var live = Encoding.UTF8.GetString(Served(origin, OriginPaths.HlsPlaylist(track)).Span).Split('\n');
            var target = live.First(l => l.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal));
            var playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n").Append(target).Append('\n')
                .Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{segments[0].MediaSequence}\n#EXT-X-PLAYLIST-TYPE:VOD\n");
            int? version = null;
            foreach (var segment in segments)
            {
                if (segment.Version != version)
                {
                    var init = OriginPaths.InitFileName(segment.Version);
                    File.WriteAllBytes(Path.Combine(root, track, init), Served(origin, OriginPaths.Init(track, segment.Version)).Span);
                    playlist.Append(version is null ? "" : "#EXT-X-DISCONTINUITY\n").Append(CultureInfo.InvariantCulture, $"#EXT-X-MAP:URI=\"{init}\"\n");
                    version = segment.Version;
                }

                playlist.Append(CultureInfo.InvariantCulture, $"#EXTINF:{segment.DurationSeconds:0.00000},\n{OriginPaths.SegmentFileName(segment.SequenceNumber)}\n");
            }

            File.WriteAllText(Path.Combine(root, track, "playlist.m3u8"), playlist.Append("#EXT-X-ENDLIST\n").ToString());
        }
    }

    private static ReadOnlyMemory<byte> Served(IOriginContent origin, string path) =>
        origin.Get(path)?.Content ?? throw new InvalidOperationException($"the origin does not serve {path}");
}
