using Ladder.Pipeline.Media;
using Ladder.Pipeline.Publishing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Makes the HLS MPEG-TS renditions (<c>outputs.hls.container: ts</c>) out of the segments the track loops cut: one
/// <see cref="TsMuxer"/> per video rendition, kept open, gets each video segment with the shared audio's segment of
/// the same number muxed in, so TS segments have the same boundaries and numbers as the CMAF ones. A video segment
/// waits for its audio until the audio track has moved past that number, ended, or fallen four segments behind (then
/// it goes out without audio). Inside a segment the IDR goes first, then frames in decode-time order. A failure drops
/// the segment, is logged and counted, and the next segment opens a new muxer after a discontinuity. Thread-safe.
/// </summary>
internal sealed class TsPackager : IDisposable
{
    private const int MaxPendingVideo = 4;
    private const int AudioKept = 16;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TsRendition> _renditions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, TsTrackSegment> _audio = [];
    private readonly PublishedContent _content;
    private readonly Func<bool> _hasAudio;
    private readonly Action<TsRendition, MediaSegment?, IReadOnlyList<TsRendition>> _published;
    private readonly ILogger _logger;
    private int _retained;
    private long _audioLast;
    private bool _audioEnded;
    private TrackInfo? _audioTrack;
    private long _failures;

    /// <summary>Creates the TS side.</summary>
    /// <param name="retained">TS segments kept per rendition.</param>
    /// <param name="content">Where segments are published.</param>
    /// <param name="hasAudio">Whether the pipeline has an audio track to wait for.</param>
    /// <param name="published">Called (under the lock) after a rendition published a segment, or with null once it ended, with every rendition.</param>
    /// <param name="logger">Where failures go.</param>
    public TsPackager(int retained, PublishedContent content, Func<bool> hasAudio, Action<TsRendition, MediaSegment?, IReadOnlyList<TsRendition>> published, ILogger logger)
    {
        _retained = retained;
        _content = content;
        _hasAudio = hasAudio;
        _published = published;
        _logger = logger;
    }

    /// <summary>The format of the newest audio track version, for the master playlist's CODECS; null before audio.</summary>
    public TrackFormat? AudioFormat { get; private set; }

    /// <summary>Segments dropped by a muxing failure since the start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Takes a video segment's frames and publishes what is ready.</summary>
    /// <param name="part">The frames; owned from here on.</param>
    public void AddVideo(TsTrackSegment part)
    {
        lock (_lock)
        {
            if (!_renditions.TryGetValue(part.Track.Id, out var rendition))
            {
                rendition = new TsRendition(TrackPublisher.TransportStream(part.Track.Id, _retained, _content));
                _renditions.Add(part.Track.Id, rendition);
            }

            if (part.Segment.SequenceNumber <= rendition.Publisher.LastSequence || !rendition.Pending.TryAdd(part.Segment.SequenceNumber, part))
            {
                part.Dispose();
                return;
            }

            rendition.VideoEnded = false;
            rendition.Ended = false;
            Pump(rendition, force: false);
        }
    }

    /// <summary>Takes an audio segment's frames and publishes the video segments that waited for it.</summary>
    /// <param name="part">The frames; owned from here on.</param>
    public void AddAudio(TsTrackSegment part)
    {
        lock (_lock)
        {
            _audioEnded = false;
            _audioTrack = part.Track;
            AudioFormat = TrackFormat.From(part.Track);
            _audioLast = Math.Max(_audioLast, part.Segment.SequenceNumber);
            if (!_audio.TryAdd(part.Segment.SequenceNumber, part))
            {
                part.Dispose();
            }

            while (_audio.Count > AudioKept)
            {
                var oldest = _audio.First();
                _audio.Remove(oldest.Key);
                oldest.Value.Dispose();
            }

            foreach (var rendition in _renditions.Values)
            {
                Pump(rendition, force: false);
            }
        }
    }

    /// <summary>Notes that a rendition's video track ended; it ends once its waiting segments are out.</summary>
    /// <param name="id">The rendition name.</param>
    public void EndVideo(string id)
    {
        lock (_lock)
        {
            if (_renditions.TryGetValue(id, out var rendition))
            {
                rendition.VideoEnded = true;
                Pump(rendition, force: false);
            }
        }
    }

    /// <summary>Notes that the audio track ended: nothing waits for audio any more.</summary>
    public void EndAudio()
    {
        lock (_lock)
        {
            _audioEnded = true;
            foreach (var rendition in _renditions.Values)
            {
                Pump(rendition, force: false);
            }
        }
    }

    /// <summary>Publishes everything still waiting (at shutdown).</summary>
    public void Complete()
    {
        lock (_lock)
        {
            foreach (var rendition in _renditions.Values)
            {
                rendition.VideoEnded = true;
                Pump(rendition, force: true);
            }
        }
    }

    /// <summary>Keeps at least <paramref name="retained"/> segments per rendition from now on.</summary>
    /// <param name="retained">TS segments kept.</param>
    public void Retain(int retained)
    {
        lock (_lock)
        {
            _retained = Math.Max(_retained, retained);
            foreach (var rendition in _renditions.Values)
            {
                rendition.Publisher.Retain(retained);
            }
        }
    }

    /// <summary>Forgets an ended rendition and withdraws its TS segments (its playlist is the caller's).</summary>
    /// <param name="id">The rendition name.</param>
    public void Purge(string id)
    {
        lock (_lock)
        {
            if (!_renditions.TryGetValue(id, out var rendition) || !rendition.Ended)
            {
                return;
            }

            _renditions.Remove(id);
            rendition.Publisher.Withdraw();
            rendition.Dispose();
        }
    }

    /// <summary>Hands every rendition to <paramref name="list"/> under the lock (to rebuild the master playlist when which renditions it lists changes).</summary>
    /// <param name="list">Called once, with every rendition.</param>
    public void WithRenditions(Action<IReadOnlyList<TsRendition>> list)
    {
        lock (_lock)
        {
            list([.. _renditions.Values]);
        }
    }

    /// <summary>Frees the muxers and the frames still held.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var rendition in _renditions.Values)
            {
                rendition.Dispose();
            }

            foreach (var part in _audio.Values)
            {
                part.Dispose();
            }

            _audio.Clear();
        }
    }

    private void Pump(TsRendition rendition, bool force)
    {
        while (rendition.Pending.Count > 0)
        {
            var (sequence, video) = rendition.Pending.First();
            if (!_audio.TryGetValue(sequence, out var audio)
                && !force && !_audioEnded && _hasAudio() && _audioLast < sequence && rendition.Pending.Count <= MaxPendingVideo)
            {
                return;
            }

            rendition.Pending.Remove(sequence);
            try
            {
                Emit(rendition, video, audio);
            }
            finally
            {
                video.Dispose();
            }
        }

        if (rendition.VideoEnded && !rendition.Ended && rendition.Publisher.Segments > 0)
        {
            rendition.Ended = true;
            _published(rendition, null, [.. _renditions.Values]);
        }
    }

    private void Emit(TsRendition rendition, TsTrackSegment video, TsTrackSegment? audio)
    {
        var first = rendition.Publisher.Segments == 0;
        var discontinuity = video.Segment.Discontinuity || (audio?.Segment.Discontinuity ?? false) || rendition.Broken;
        try
        {
            var audioTrack = audio?.Track ?? rendition.Muxer?.Audio ?? _audioTrack;
            var muxer = rendition.Muxer;
            if (muxer is null || muxer.Video.Version != video.Track.Version || (audioTrack is not null && muxer.Audio?.Version != audioTrack.Version))
            {
                discontinuity |= muxer is not null;
                muxer?.Dispose();
                rendition.Muxer = null;
                muxer = TsMuxer.Create(video.Track, audioTrack);
                rendition.Muxer = muxer;
                rendition.Generation++;
                rendition.Publisher.AddInit(new InitSegment(rendition.Generation, ReadOnlyMemory<byte>.Empty, video.Segment.Timescale, TrackFormat.From(video.Track)));
            }

            foreach (var (packet, track) in Interleave(video, muxer.Audio is null ? null : audio))
            {
                using var copy = packet.Clone();
                muxer.Write(copy, track);
            }

            var bytes = muxer.Flush();
            var segment = video.Segment with
            {
                Version = rendition.Generation,
                Discontinuity = discontinuity && !first,
                Bytes = bytes,
            };
            Publish(rendition, segment);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "MPEG-TS muxing of rendition {Track} failed at segment {Sequence}; the segment is dropped and the next one opens a new muxer after a discontinuity.", rendition.Id, video.Segment.SequenceNumber);
            Interlocked.Increment(ref _failures);
            rendition.Muxer?.Dispose();
            rendition.Muxer = null;
            rendition.Broken = true;
        }
    }

    private void Publish(TsRendition rendition, MediaSegment segment)
    {
        var published = rendition.Publisher.Publish(segment, out _);
        rendition.Broken = false;
        _published(rendition, published, [.. _renditions.Values]);
    }

    /// <summary>The segment's IDR first, then the other video frames and the audio frames in decode-time order.</summary>
    private static IEnumerable<(Ladder.LibAv.Packet Packet, TrackInfo Track)> Interleave(TsTrackSegment video, TsTrackSegment? audio)
    {
        if (video.Packets.Count == 0)
        {
            yield break;
        }

        yield return (video.Packets[0].Packet, video.Track);
        var rest = video.Packets.Skip(1).Select(p => (p.Packet, video.Track))
            .Concat(audio?.Packets.Select(p => (p.Packet, audio.Track)) ?? [])
            .Select((p, index) => (p.Packet, p.Track, Time: DecodeTime(p.Packet, p.Track), Index: index))
            .OrderBy(p => p.Time).ThenBy(p => p.Index);
        foreach (var (packet, track, _, _) in rest)
        {
            yield return (packet, track);
        }
    }

    private static long DecodeTime(Ladder.LibAv.Packet packet, TrackInfo track) =>
        Ladder.LibAv.Rational.Rescale(packet.Dts == Ladder.LibAv.Timestamp.None ? packet.Pts : packet.Dts, track.TimeBase, Ladder.LibAv.Rational.Microseconds);
}
