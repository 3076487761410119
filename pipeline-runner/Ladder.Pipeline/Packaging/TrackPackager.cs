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
/// <para>
/// Two guards keep the stream healing: an exception on the loop is logged with the track id, counted and shown in
/// <see cref="TrackStatus.Failed"/>; the open segment and the muxer are dropped and the track restarts at the next
/// boundary with its init segment published again and a discontinuity. A segment that reaches the cap (its duration
/// would round above <c>EXT-X-TARGETDURATION</c>, RFC 8216 section 4.3.3.1, because a keyframe is missing) is closed
/// at its last frame and counted (<see cref="TrackStatus.OverlongSegments"/>); frames up to the next boundary are
/// left out and the next segment starts after a discontinuity at the next keyframe (segment-starting or not).
/// </para>
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
    private readonly long _cap;
    private readonly Action<string, long>? _beforeMux;
    private readonly bool _publishCmaf;
    private readonly Action<TrackPackager, TsTrackSegment>? _segmentPackets;
    private readonly Func<TrackPackager, bool>? _mayLead;
    private List<QueuedPacket> _collected = [];
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
    private long _lastOpened;
    private bool _capped;
    private bool _restarting;
    private volatile bool _failed;
    private volatile string? _lastError;
    private long _failures;
    private long _overlong;

    /// <summary>Starts the track's muxing loop.</summary>
    /// <param name="track">The track's first version.</param>
    /// <param name="settings">The packaging settings.</param>
    /// <param name="capacity">Packets queued before new ones are dropped.</param>
    /// <param name="boundaries">The boundaries shared by the pipeline's tracks.</param>
    /// <param name="timeline">The output timeline, for program date times.</param>
    /// <param name="content">Where segments are published.</param>
    /// <param name="published">Called on the loop after each segment is published, with whether it starts a new track version; with null once the track ended.</param>
    /// <param name="logger">Where muxing errors go.</param>
    /// <param name="targetDuration">The playlists' <c>EXT-X-TARGETDURATION</c> in seconds: no segment may round above it.</param>
    /// <param name="beforeMux">Called with the track id and the packet's PTS before each packet is muxed (a test's fault injection); null for none.</param>
    /// <param name="publishCmaf">Whether the CMAF init and media segment files are published (HLS fmp4 or DASH); the window keeps them either way.</param>
    /// <param name="segmentPackets">Given a reference to each closed segment's frames (for MPEG-TS); null to keep none.</param>
    /// <param name="mayLead">Whether this video track, before its first segment, may announce boundaries (no other video track is cutting yet); null for always.</param>
    public TrackPackager(
        TrackInfo track, PackagingSettings settings, int capacity, SegmentBoundaries boundaries, MediaTimeline timeline,
        PublishedContent content, Action<TrackPackager, MediaSegment?, bool> published, ILogger logger, int targetDuration,
        Action<string, long>? beforeMux = null, bool publishCmaf = true, Action<TrackPackager, TsTrackSegment>? segmentPackets = null,
        Func<TrackPackager, bool>? mayLead = null)
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
        _cap = (targetDuration * 1_000_000L) + 500_000 - (2 * HalfFrame(track)) - 2_000;
        _beforeMux = beforeMux;
        _publishCmaf = publishCmaf;
        _segmentPackets = segmentPackets;
        _mayLead = mayLead;
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

    /// <summary>Whether the track has opened a segment: it cuts on the shared boundaries.</summary>
    public bool Cutting => Interlocked.Read(ref _lastOpened) > 0;

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
        Interlocked.Read(ref _discarded), _queue.Reader.Count, _ended)
    {
        Failed = _failed,
        LastError = _lastError,
        Failures = Interlocked.Read(ref _failures),
        OverlongSegments = Interlocked.Read(ref _overlong),
    };

    /// <summary>Grows the segment store to <paramref name="retained"/> segments (a larger window); never shrinks it, so segments stay fetchable after leaving a playlist (RFC 8216 section 6.2.2).</summary>
    /// <param name="retained">Media segments to keep.</param>
    public void Retain(int retained) => Window.Grow(retained);

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
            DropCollected();
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
        catch (Exception exception)
        {
            _logger.LogError(exception, "Packaging track {Track} failed; the open segment is dropped and the track restarts at the next boundary.", Id);
            _lastError = $"{exception.GetType().Name}: {exception.Message}";
            _failed = true;
            Interlocked.Increment(ref _failures);
            Reset();
        }
    }

    /// <summary>Drops the open segment and the muxer; the next segment opens a new muxer after a discontinuity.</summary>
    private void Reset()
    {
        _held?.Packet.Dispose();
        _held = null;
        DropCollected();
        _open = null;
        _muxer?.Dispose();
        _muxer = null;
        _restarting = true;
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

        if ((item.StartsSegment || (_capped && item.Packet.IsKeyframe))
            && _boundaries.TryCut(time, HalfFrame(item.Track), announce: Cutting || _mayLead is null || _mayLead(this)) is { } sequence
            && sequence > LastOpened)
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
            var target = _selfPaced ? _boundaries.TryCut(time, HalfFrame(item.Track)) ?? LastOpened : _boundaries.Locate(time, out decided);
            if (!decided && !final)
            {
                return;
            }

            _pending.Dequeue();
            if (target > LastOpened && (_open is null || item.Track.Version >= _open.Track.Version))
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
        var discontinuity = (newVersion && _muxerTrack is not null) || gap || _capped || (_muxer is null && _segments > 0);
        if (newVersion || gap || _capped || _muxer is null)
        {
            OpenMuxer(item.Track, newVersion || _restarting);
        }

        _capped = false;
        _restarting = false;
        Interlocked.Exchange(ref _lastOpened, sequence);
        _open = new OpenSegment(sequence, item.Track, item.Packet.Pts, time, discontinuity);
        Append(item, time);
    }

    /// <summary>The sequence number of the newest segment opened: a segment opens only above it, so a track that dropped its segment (a failure, the cap) waits for the next boundary.</summary>
    private long LastOpened => _open?.Sequence ?? _lastOpened;

    /// <param name="track">The track version.</param>
    /// <param name="publishInit">Whether to publish its init segment: a new version, or a restart after a failure.</param>
    private void OpenMuxer(TrackInfo track, bool publishInit)
    {
        _muxer?.Dispose();
        _muxer = null;
        var muxer = CmafMuxer.Create(track);
        if (publishInit)
        {
            var init = new InitSegment(track.Version, muxer.InitSegment, muxer.TimeBase.Denominator / Math.Max(1, muxer.TimeBase.Numerator), TrackFormat.From(track));
            Window.AddInit(init);
            if (_publishCmaf)
            {
                _content.Put(OriginPaths.Init(Id, track.Version), new OriginResource(init.Bytes, MediaType == MediaType.Video ? ContentTypes.VideoMp4 : ContentTypes.AudioMp4, SegmentMaxAge));
            }
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

        if (time - _open.StartTime > _cap)
        {
            // A missing keyframe: the segment would round above EXT-X-TARGETDURATION. End it here; the next keyframe starts the next.
            _logger.LogWarning("Track {Track}: segment {Sequence} reached the {Cap} µs cap without a keyframe; it ends early and the next segment follows a discontinuity.", Id, _open.Sequence, _cap);
            Interlocked.Increment(ref _overlong);
            Close(null);
            _capped = true;
            Discard(item);
            return;
        }

        var previous = _held;
        _held = item;
        if (previous is { } held)
        {
            Mux(held, item.Track == held.Track ? item.Packet.Dts - held.Packet.Dts : 0);
        }

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
        if (_segmentPackets is not null)
        {
            var packets = _collected;
            _collected = [];
            _segmentPackets(this, new TsTrackSegment(segment, track, packets));
        }

        Publish(segment);
    }

    private void Publish(MediaSegment segment)
    {
        var previous = Window.Current.Segments is { Count: > 0 } kept ? kept[^1] : null;
        segment = segment with { MediaSequence = previous is null ? segment.SequenceNumber : previous.MediaSequence + 1 };

        // A new DASH Period where the version changes, or where a lost segment breaks the $Number$ run.
        var startsVersion = previous is not null && (segment.Version != previous.Version || segment.SequenceNumber != previous.SequenceNumber + 1);
        var eviction = Window.Add(segment);
        if (segment.Discontinuity)
        {
            _discontinuities++;
        }

        var contentType = MediaType == MediaType.Video ? ContentTypes.VideoSegment : ContentTypes.AudioMp4;
        if (_publishCmaf)
        {
            _content.Put(OriginPaths.Segment(Id, segment.SequenceNumber), new OriginResource(segment.Bytes, contentType, SegmentMaxAge));
            foreach (var evicted in eviction.Segments)
            {
                _content.Remove(OriginPaths.Segment(Id, evicted.SequenceNumber));
            }

            foreach (var init in eviction.Inits)
            {
                _content.Remove(OriginPaths.Init(Id, init.Version));
            }
        }

        _failed = false;
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
        _beforeMux?.Invoke(Id, packet.Pts);
        var muxer = _muxer!;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), item.Track.TimeBase);
        packet.Duration = duration > 0 && duration <= Rational.Rescale(_gap, Rational.Microseconds, item.Track.TimeBase) ? duration : FrameDuration(item);
        if (_segmentPackets is not null)
        {
            _collected.Add(item with { Packet = packet.Clone() });
        }

        packet.Pts += offset;
        packet.Dts = (packet.Dts == Timestamp.None ? packet.Pts - offset : packet.Dts) + offset;
        packet.RescaleTimestamps(item.Track.TimeBase, muxer.TimeBase);
        muxer.Write(packet);
    }

    private void DropCollected()
    {
        foreach (var item in _collected)
        {
            item.Packet.Dispose();
        }

        _collected.Clear();
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
