using System.Threading.Channels;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Publishing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Packages one track: a bounded queue that <see cref="TryEnqueue"/> fills without blocking (dropping and counting
/// beyond the bound) and a muxing loop that drains it, cuts segments on the shared <see cref="SegmentBoundaries"/>,
/// muxes them to CMAF (<see cref="CmafMuxer"/>, one per track version) and publishes them into its
/// <see cref="SegmentWindow"/> and the origin. Video opens a segment on a segment-starting keyframe that is a boundary;
/// audio holds its frames until their boundary is known, so its segments carry the same numbers. A new track version
/// starts at a boundary with a new init segment and a discontinuity (its decode timestamps may overlap the old
/// encoder's tail); within a version, decode timestamps that do not increase are discarded; a jump of more than a second (or half a segment) ends the segment at its last frame and marks a
/// discontinuity.
/// </summary>
internal sealed class TrackPackager : IDisposable
{
    private static readonly TimeSpan SegmentMaxAge = TimeSpan.FromMinutes(10);
    private readonly Channel<QueuedPacket> _queue;
    private readonly int _capacity;
    private readonly SegmentBoundaries _boundaries;
    private readonly MediaTimeline _timeline;
    private readonly PublishedContent _content;
    private readonly Action<TrackPackager, MediaSegment?, bool> _published;
    private readonly ILogger _logger;
    private readonly bool _selfPaced;
    private readonly long _gap;
    private readonly Queue<QueuedPacket> _pending = new();
    private readonly Task _loop;
    private CmafMuxer? _muxer;
    private TrackInfo? _muxerTrack;
    private OpenSegment? _open;
    private QueuedPacket? _held;
    private long _lastDts = long.MinValue;
    private int _lastDtsVersion;
    private long _discontinuities;
    private int _lastVersion;
    private long _dropped;
    private long _discarded;
    private long _segments;
    private long _bytes;
    private long _lastSequence;
    private double _lastDuration;
    private long _peakBitrate;
    private volatile bool _ended;

    /// <summary>Starts the track's muxing loop.</summary>
    /// <param name="track">The track's first version.</param>
    /// <param name="settings">The packaging settings.</param>
    /// <param name="capacity">Packets queued before new ones are dropped.</param>
    /// <param name="boundaries">The boundaries shared by the pipeline's tracks.</param>
    /// <param name="timeline">The output timeline, for program date times.</param>
    /// <param name="content">Where segments are published.</param>
    /// <param name="published">Called on the loop after each segment is published, with whether it starts a new track version; with null once the track ended.</param>
    /// <param name="logger">Where muxing errors go.</param>
    public TrackPackager(
        TrackInfo track, PackagingSettings settings, int capacity, SegmentBoundaries boundaries, MediaTimeline timeline,
        PublishedContent content, Action<TrackPackager, MediaSegment?, bool> published, ILogger logger)
    {
        Id = track.Id;
        MediaType = track.MediaType;
        Window = new SegmentWindow(settings.RetainedSegments);
        _capacity = capacity;
        _boundaries = boundaries;
        _timeline = timeline;
        _content = content;
        _published = published;
        _logger = logger;
        _selfPaced = track.MediaType != MediaType.Video && settings.Renditions.Count == 0;
        _gap = (long)Math.Max(1_000_000, settings.SegmentDuration * 500_000);
        _queue = Channel.CreateBounded<QueuedPacket>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        if (MediaType != MediaType.Video && !_selfPaced)
        {
            _boundaries.Announced += Wake;
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Rendition name or <c>audio</c>.</summary>
    public string Id { get; }

    /// <summary>Video or audio.</summary>
    public MediaType MediaType { get; }

    /// <summary>The published segments.</summary>
    public SegmentWindow Window { get; }

    /// <summary>True once the track was removed and its last segment published.</summary>
    public bool Ended => _ended;

    /// <summary>The largest segment bitrate published so far, bits/s.</summary>
    public long PeakBitrate => Interlocked.Read(ref _peakBitrate);

    /// <summary>Queues a reference to the packet; never blocks.</summary>
    /// <param name="packet">The packet.</param>
    /// <returns>False when the queue was full (or the track removed) and the packet was dropped.</returns>
    public bool TryEnqueue(in EncodedPacket packet)
    {
        if (_queue.Reader.Count < _capacity)
        {
            var reference = packet.Packet.Clone();
            if (_queue.Writer.TryWrite(new QueuedPacket(packet.Track, reference, packet.StartsSegment)))
            {
                return true;
            }

            reference.Dispose();
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Ends the track: the loop publishes what it holds and stops.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The track's counters.</summary>
    public TrackStatus GetStatus() => new(
        Id, MediaType, Volatile.Read(ref _lastVersion), Interlocked.Read(ref _segments), Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _lastSequence), Volatile.Read(ref _lastDuration), Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _discarded), _queue.Reader.Count, _ended);

    /// <summary>Ends the track and waits (up to 10 s) for the loop to finish.</summary>
    /// <returns>Whether the loop finished in time.</returns>
    public bool Stop()
    {
        Complete();
        return _loop.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Stops the loop and frees the muxer.</summary>
    public void Dispose()
    {
        if (Stop())
        {
            _muxer?.Dispose();
        }
    }

    private static long ToMicroseconds(long ticks, Rational timeBase) => Rational.Rescale(ticks, timeBase, Rational.Microseconds);

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Guard(() =>
            {
                if (item.IsWake)
                {
                    Drain(final: false);
                }
                else
                {
                    Accept(item);
                }
            });
        }

        _boundaries.Announced -= Wake;
        Guard(() =>
        {
            Drain(final: true);
            if (_open is not null)
            {
                Close(null);
            }
        });
        _ended = true;
        _published(this, null, false);
    }

    /// <summary>Lets held audio frames go on once a boundary is announced; skipped when the queue is full (its packets wake the loop anyway).</summary>
    private void Wake() => _queue.Writer.TryWrite(QueuedPacket.Wake);

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception) when (exception is FFmpegException or IOException or ArgumentException or NotSupportedException or ObjectDisposedException)
        {
            _logger.LogError(exception, "Packaging track {Track} failed; the open segment is dropped and the track restarts at the next boundary.", Id);
            Reset();
        }
    }

    /// <summary>Drops the open segment and the muxer; the next segment opens a new muxer after a discontinuity.</summary>
    private void Reset()
    {
        _held?.Packet.Dispose();
        _held = null;
        _open = null;
        _muxer?.Dispose();
        _muxer = null;
    }

    private void Accept(QueuedPacket item)
    {
        var dts = item.Packet.Dts == Timestamp.None ? item.Packet.Pts : item.Packet.Dts;
        var dtsTime = ToMicroseconds(dts, item.Track.TimeBase);
        if (item.Packet.Pts == Timestamp.None || item.Track.Version < _lastDtsVersion || (item.Track.Version == _lastDtsVersion && dtsTime <= _lastDts))
        {
            Discard(item);
            return;
        }

        _lastDts = dtsTime;
        _lastDtsVersion = item.Track.Version;
        if (MediaType == MediaType.Video)
        {
            AcceptVideo(item);
            return;
        }

        _pending.Enqueue(item);
        if (_pending.Count > _capacity)
        {
            _pending.Dequeue().Packet.Dispose();
            Interlocked.Increment(ref _dropped);
        }

        Drain(final: false);
    }

    private void AcceptVideo(QueuedPacket item)
    {
        var time = ToMicroseconds(item.Packet.Pts, item.Track.TimeBase);
        if (_open is not null && item.Track.Version < _open.Track.Version)
        {
            Discard(item);
            return;
        }

        if (item.StartsSegment && _boundaries.TryCut(time, HalfFrame(item.Track)) is { } sequence && sequence > (_open?.Sequence ?? 0))
        {
            Open(item, sequence, time);
            return;
        }

        Append(item, time);
    }

    /// <summary>Places held audio frames once their segment is known (all of them when the track ends).</summary>
    private void Drain(bool final)
    {
        while (_pending.TryPeek(out var item))
        {
            var time = ToMicroseconds(item.Packet.Pts, item.Track.TimeBase);
            var decided = true;
            var target = _selfPaced ? _boundaries.TryCut(time, HalfFrame(item.Track)) ?? _open?.Sequence ?? 0 : _boundaries.Locate(time, out decided);
            if (!decided && !final)
            {
                return;
            }

            _pending.Dequeue();
            if (target > (_open?.Sequence ?? 0) && (_open is null || item.Track.Version >= _open.Track.Version))
            {
                Open(item, target, time);
            }
            else if (target == _open?.Sequence)
            {
                Append(item, time);
            }
            else
            {
                Discard(item);
            }
        }
    }

    /// <summary>Closes the open segment (if any) and opens segment <paramref name="sequence"/> with <paramref name="item"/>.</summary>
    private void Open(QueuedPacket item, long sequence, long time)
    {
        var gap = false;
        if (_open is not null)
        {
            gap = time - _open.LastTime > _gap;
            Close(gap ? null : item);
        }

        var newVersion = _muxerTrack is null || _muxerTrack.Version != item.Track.Version;
        var discontinuity = (newVersion && _muxerTrack is not null) || gap || (_muxer is null && _segments > 0);
        if (newVersion || gap || _muxer is null)
        {
            OpenMuxer(item.Track, newVersion);
        }

        _open = new OpenSegment(sequence, item.Track, item.Packet.Pts, time, discontinuity);
        Append(item, time);
    }

    private void OpenMuxer(TrackInfo track, bool newVersion)
    {
        _muxer?.Dispose();
        _muxer = null;
        var muxer = CmafMuxer.Create(track);
        if (newVersion)
        {
            var init = new InitSegment(track.Version, muxer.InitSegment, muxer.TimeBase.Denominator / Math.Max(1, muxer.TimeBase.Numerator), TrackFormat.From(track));
            Window.AddInit(init);
            _content.Put(OriginPaths.Init(Id, track.Version), new OriginResource(init.Bytes, MediaType == MediaType.Video ? ContentTypes.VideoMp4 : ContentTypes.AudioMp4, SegmentMaxAge));
        }

        _muxer = muxer;
        _muxerTrack = track;
        Volatile.Write(ref _lastVersion, track.Version);
    }

    /// <summary>Adds a frame to the open segment: the previous frame goes to the muxer with its duration taken from this one's decode time.</summary>
    private void Append(QueuedPacket item, long time)
    {
        if (_open is null || item.Track.Version != _open.Track.Version)
        {
            Discard(item);
            return;
        }

        if (_held is { } held)
        {
            Mux(held, item.Track == held.Track ? item.Packet.Dts - held.Packet.Dts : 0);
        }

        _held = item;
        _open.LastTime = Math.Max(_open.LastTime, time);
        _open.EndPts = Math.Max(_open.EndPts, item.Packet.Pts + FrameDuration(item));
    }

    /// <summary>Writes the held frame, cuts the fragment and publishes it.</summary>
    /// <param name="next">The first frame of the next segment (its presentation time ends this one), or null to end at the last frame.</param>
    private void Close(QueuedPacket? next)
    {
        var open = _open!;
        _open = null;
        if (_held is { } held)
        {
            _held = null;
            Mux(held, next is { } following && following.Track == held.Track ? following.Packet.Dts - held.Packet.Dts : 0);
        }

        var muxer = _muxer!;
        var bytes = muxer.Flush();
        var track = open.Track;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), track.TimeBase);
        var endPts = next is { } n ? Rational.Rescale(n.Packet.Pts, n.Track.TimeBase, track.TimeBase) : open.EndPts;
        var start = Rational.Rescale(open.StartPts + offset, track.TimeBase, muxer.TimeBase);
        var end = Rational.Rescale(endPts + offset, track.TimeBase, muxer.TimeBase);
        var segment = new MediaSegment(
            open.Sequence, track.Version, start, end - start, muxer.TimeBase.Denominator / Math.Max(1, muxer.TimeBase.Numerator),
            _timeline.ToWallClock(open.StartTime / 1e6), open.Discontinuity, _discontinuities, bytes);
        Publish(segment);
    }

    private void Publish(MediaSegment segment)
    {
        var startsVersion = _segments > 0 && segment.Version != Window.Current.Segments[^1].Version;
        var eviction = Window.Add(segment);
        if (segment.Discontinuity)
        {
            _discontinuities++;
        }

        var contentType = MediaType == MediaType.Video ? ContentTypes.VideoSegment : ContentTypes.AudioMp4;
        _content.Put(OriginPaths.Segment(Id, segment.SequenceNumber), new OriginResource(segment.Bytes, contentType, SegmentMaxAge));
        foreach (var evicted in eviction.Segments)
        {
            _content.Remove(OriginPaths.Segment(Id, evicted.SequenceNumber));
        }

        foreach (var init in eviction.Inits)
        {
            _content.Remove(OriginPaths.Init(Id, init.Version));
        }

        Interlocked.Increment(ref _segments);
        Interlocked.Add(ref _bytes, segment.Bytes.Length);
        Interlocked.Exchange(ref _lastSequence, segment.SequenceNumber);
        Volatile.Write(ref _lastDuration, segment.DurationSeconds);
        if (segment.Bitrate > _peakBitrate)
        {
            Interlocked.Exchange(ref _peakBitrate, segment.Bitrate);
        }

        _published(this, segment, startsVersion);
    }

    /// <summary>Muxes a frame with timestamps moved onto the media timeline and into the muxer's time base, then releases it.</summary>
    /// <param name="item">The frame.</param>
    /// <param name="duration">Its duration in track ticks; 0 or less keeps its own (or one frame).</param>
    private void Mux(QueuedPacket item, long duration)
    {
        using var packet = item.Packet;
        var muxer = _muxer!;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), item.Track.TimeBase);
        packet.Duration = duration > 0 && duration <= Rational.Rescale(_gap, Rational.Microseconds, item.Track.TimeBase) ? duration : FrameDuration(item);
        packet.Pts += offset;
        packet.Dts = (packet.Dts == Timestamp.None ? packet.Pts - offset : packet.Dts) + offset;
        packet.RescaleTimestamps(item.Track.TimeBase, muxer.TimeBase);
        muxer.Write(packet);
    }

    private void Discard(QueuedPacket item)
    {
        item.Packet.Dispose();
        Interlocked.Increment(ref _discarded);
    }

    /// <summary>A frame's duration in track ticks: its own, else one video frame or one audio frame (frame size samples).</summary>
    private static long FrameDuration(QueuedPacket item)
    {
        if (item.Packet.Duration > 0)
        {
            return item.Packet.Duration;
        }

        var track = item.Track;
        var seconds = track.FrameRate is { IsValid: true } rate ? rate.Invert()
            : track.Parameters.FrameSize > 0 && track.Parameters.SampleRate > 0 ? new Rational(track.Parameters.FrameSize, track.Parameters.SampleRate)
            : new Rational(1, 25);
        return Math.Max(1, Rational.Rescale(1, seconds, track.TimeBase));
    }

    /// <summary>Half a frame of the track in µs: the jitter tolerated on segment boundaries.</summary>
    private static long HalfFrame(TrackInfo track) =>
        (track.FrameRate is { IsValid: true } rate ? (long)(500_000 / rate.ToDouble())
            : track.Parameters.FrameSize > 0 && track.Parameters.SampleRate > 0 ? 500_000L * track.Parameters.FrameSize / track.Parameters.SampleRate
            : 20_000);
}
