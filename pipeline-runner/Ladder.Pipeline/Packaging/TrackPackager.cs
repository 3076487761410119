using System.Threading.Channels;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Publishing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Packages one track: a bounded queue that <see cref="TryEnqueue"/> fills without blocking (dropping and counting
/// beyond the bound) and a muxing loop that drains it into the track's <see cref="TrackSegmenter{T}"/>, which decides
/// the segments on the shared <see cref="SegmentBoundaries"/>; this class carries out its decisions: it muxes each
/// segment to CMAF (<see cref="CmafMuxer"/>, one per track version and break) and hands the bytes to its
/// <see cref="TrackPublisher"/>, which keeps the store. With parts (Low-Latency HLS), each part is flushed as its own
/// fragment and published at once, and the segment is its parts' bytes in order.
/// <para>
/// Two guards keep the stream healing: an exception on the loop is logged with the track id, counted and shown in
/// <see cref="TrackStatus.Failed"/>; the open segment and the muxer are dropped and the track restarts at the next
/// boundary with its init segment published again and a discontinuity. A segment the segmenter caps for want of a
/// keyframe (RFC 8216 section 4.3.3.1) is counted (<see cref="TrackStatus.OverlongSegments"/>).
/// </para>
/// </summary>
internal sealed class TrackPackager : ISegmenterOutput<QueuedPacket>, IDisposable
{
    private readonly Channel<QueuedPacket> _queue;
    private readonly int _capacity;
    private readonly SegmentBoundaries _boundaries;
    private readonly MediaTimeline _timeline;
    private readonly Action<TrackPackager, MediaSegment?, bool> _published;
    private readonly ILogger _logger;
    private readonly Action<string, long>? _beforeMux;
    private readonly Action<TrackPackager, TsTrackSegment>? _segmentPackets;
    private List<QueuedPacket> _collected = [];
    private readonly List<ReadOnlyMemory<byte>> _partBytes = [];
    private readonly Action<TrackPackager>? _partPublished;
    private bool _openDiscontinuity;
    private readonly TrackSegmenter<QueuedPacket> _segmenter;
    private readonly Task _loop;
    private TrackTiming? _timing;
    private TrackInfo? _timingOf;
    private CmafMuxer? _muxer;
    private TrackInfo? _muxerTrack;
    private int _lastVersion;
    private long _dropped;
    private long _discarded;
    private volatile bool _ended;
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
    /// <param name="publisher">The track's store: its window and files.</param>
    /// <param name="published">Called on the loop after each segment is published, with whether it starts a new track version; with null once the track ended.</param>
    /// <param name="logger">Where muxing errors go.</param>
    /// <param name="targetDuration">The playlists' <c>EXT-X-TARGETDURATION</c> in seconds: no segment may round above it.</param>
    /// <param name="beforeMux">Called with the track id and the packet's PTS before each packet is muxed (a test's fault injection); null for none.</param>
    /// <param name="segmentPackets">Given a reference to each closed segment's frames (for MPEG-TS); null to keep none.</param>
    /// <param name="mayLead">Whether this video track, before its first segment, may announce boundaries (no other video track is cutting yet); null for always.</param>
    /// <param name="partPublished">Called on the loop after each part is published (with a <see cref="PackagingSettings.ChunkDuration"/>); null for none.</param>
    public TrackPackager(
        TrackInfo track, PackagingSettings settings, int capacity, SegmentBoundaries boundaries, MediaTimeline timeline,
        TrackPublisher publisher, Action<TrackPackager, MediaSegment?, bool> published, ILogger logger, int targetDuration,
        Action<string, long>? beforeMux = null, Action<TrackPackager, TsTrackSegment>? segmentPackets = null,
        Func<TrackPackager, bool>? mayLead = null, Action<TrackPackager>? partPublished = null)
    {
        Id = track.Id;
        MediaType = track.MediaType;
        _capacity = capacity;
        _boundaries = boundaries;
        _timeline = timeline;
        Publisher = publisher;
        _published = published;
        _logger = logger;
        var selfPaced = track.MediaType != MediaType.Video && settings.Renditions.Count == 0;
        _beforeMux = beforeMux;
        _segmentPackets = segmentPackets;
        _partPublished = partPublished;
        _segmenter = new TrackSegmenter<QueuedPacket>(
            MediaType == MediaType.Video, selfPaced, boundaries, this, Math.Max(1, settings.SegmentDuration / 2), targetDuration, capacity,
            mayLead is null ? null : () => mayLead(this), settings.ChunkDuration);
        _queue = Channel.CreateBounded<QueuedPacket>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        if (MediaType != MediaType.Video && !selfPaced)
        {
            _boundaries.Announced += Wake;
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Rendition name or <c>audio</c>.</summary>
    public string Id { get; }

    /// <summary>Video or audio.</summary>
    public MediaType MediaType { get; }

    /// <summary>The track's store: its published segments and files.</summary>
    public TrackPublisher Publisher { get; }

    /// <summary>True once the track was removed and its last segment published.</summary>
    public bool Ended => _ended;

    /// <summary>Whether the track has opened a segment: it cuts on the shared boundaries.</summary>
    public bool Cutting => _segmenter.Cutting;

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
        Id, MediaType, Volatile.Read(ref _lastVersion), Publisher.Segments, Publisher.Bytes,
        Publisher.LastSequence, Publisher.LastDuration, Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _discarded), _queue.Reader.Count, _ended)
    {
        Failed = _failed,
        LastError = _lastError,
        Failures = Interlocked.Read(ref _failures),
        OverlongSegments = Interlocked.Read(ref _overlong),
    };

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

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Guard(() =>
            {
                if (item.IsWake)
                {
                    _segmenter.Wake();
                }
                else
                {
                    _segmenter.Push(item, Frame(item));
                }
            });
        }

        _boundaries.Announced -= Wake;
        Guard(_segmenter.Complete);
        _ended = true;
        _published(this, null, false);
    }

    /// <summary>Lets held audio frames go on once a boundary is announced; skipped when the queue is full (its packets wake the loop anyway).</summary>
    private void Wake() => _queue.Writer.TryWrite(QueuedPacket.Wake);

    /// <summary>The packet's timing for the segmenter; the track's timing is computed once per version.</summary>
    private SegmenterFrame Frame(QueuedPacket item)
    {
        if (!ReferenceEquals(item.Track, _timingOf))
        {
            _timing = TrackTiming.From(item.Track);
            _timingOf = item.Track;
        }

        var packet = item.Packet;
        return new SegmenterFrame(_timing!, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, item.StartsSegment);
    }

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
            DropCollected();
            _partBytes.Clear();
            _muxer?.Dispose();
            _muxer = null;
            _segmenter.Reset();
        }
    }

    /// <inheritdoc />
    void ISegmenterOutput<QueuedPacket>.Opened(SegmentSpan segment, QueuedPacket first)
    {
        _openDiscontinuity = segment.Discontinuity;
        if (!segment.NewMuxer)
        {
            return;
        }

        _muxer?.Dispose();
        _muxer = null;
        var track = first.Track;
        var muxer = CmafMuxer.Create(track);
        if (segment.NewInit)
        {
            Publisher.AddInit(new InitSegment(track.Version, muxer.InitSegment, muxer.TimeBase.Denominator / Math.Max(1, muxer.TimeBase.Numerator), TrackFormat.From(track)));
        }

        _muxer = muxer;
        _muxerTrack = track;
        Volatile.Write(ref _lastVersion, track.Version);
    }

    /// <summary>Muxes a frame with timestamps moved onto the media timeline and into the muxer's time base, then releases it.</summary>
    void ISegmenterOutput<QueuedPacket>.Write(QueuedPacket frame, long duration)
    {
        using var packet = frame.Packet;
        _beforeMux?.Invoke(Id, packet.Pts);
        var muxer = _muxer!;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), frame.Track.TimeBase);
        packet.Duration = duration;
        if (_segmentPackets is not null)
        {
            _collected.Add(frame with { Packet = packet.Clone() });
        }

        packet.Pts += offset;
        packet.Dts = (packet.Dts == Timestamp.None ? packet.Pts - offset : packet.Dts) + offset;
        packet.RescaleTimestamps(frame.Track.TimeBase, muxer.TimeBase);
        muxer.Write(packet);
    }

    /// <summary>Cuts the part's fragment (a CMAF chunk) and publishes it.</summary>
    void ISegmenterOutput<QueuedPacket>.PartEnded(PartSpan part)
    {
        var bytes = _muxer!.Flush();
        var track = _muxerTrack!;
        _partBytes.Add(bytes);
        Publisher.PublishPart(new MediaPart(
            part.Sequence, part.Index, track.Version, _openDiscontinuity, part.Duration * track.TimeBase.ToDouble(), part.Independent, bytes));
        _partPublished?.Invoke(this);
    }

    /// <summary>Cuts the fragment (or, with parts, joins the parts' fragments) and publishes it.</summary>
    void ISegmenterOutput<QueuedPacket>.Closed(SegmentSpan segment)
    {
        if (segment.Overlong)
        {
            _logger.LogWarning("Track {Track}: segment {Sequence} reached the target-duration cap without a keyframe; it ends early and the next segment follows a discontinuity.", Id, segment.Sequence);
            Interlocked.Increment(ref _overlong);
        }

        var muxer = _muxer!;
        var bytes = _partBytes.Count > 0 ? Join(_partBytes, muxer.Flush()) : muxer.Flush();
        _partBytes.Clear();
        var track = _muxerTrack!;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), track.TimeBase);
        var start = Rational.Rescale(segment.StartPts + offset, track.TimeBase, muxer.TimeBase);
        var end = Rational.Rescale(segment.EndPts + offset, track.TimeBase, muxer.TimeBase);
        var published = new MediaSegment(
            segment.Sequence, track.Version, start, end - start, muxer.TimeBase.Denominator / Math.Max(1, muxer.TimeBase.Numerator),
            _timeline.ToWallClock(segment.StartTime / 1e6), segment.Discontinuity, 0, bytes);
        if (_segmentPackets is not null)
        {
            var packets = _collected;
            _collected = [];
            _segmentPackets(this, new TsTrackSegment(published, track, packets));
        }

        Publish(published);
    }

    /// <inheritdoc />
    void ISegmenterOutput<QueuedPacket>.Discard(QueuedPacket frame)
    {
        frame.Packet.Dispose();
        Interlocked.Increment(ref _discarded);
    }

    /// <inheritdoc />
    void ISegmenterOutput<QueuedPacket>.Drop(QueuedPacket frame)
    {
        frame.Packet.Dispose();
        Interlocked.Increment(ref _dropped);
    }

    private void Publish(MediaSegment segment)
    {
        var published = Publisher.Publish(segment, out var startsVersion);
        _failed = false;
        _published(this, published, startsVersion);
    }

    /// <summary>The parts' bytes in order, then <paramref name="rest"/> (empty once the last part was flushed).</summary>
    private static byte[] Join(List<ReadOnlyMemory<byte>> parts, byte[] rest)
    {
        var joined = new byte[parts.Sum(p => p.Length) + rest.Length];
        var at = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(at));
            at += part.Length;
        }

        rest.CopyTo(joined, at);
        return joined;
    }

    private void DropCollected()
    {
        foreach (var item in _collected)
        {
            item.Packet.Dispose();
        }

        _collected.Clear();
    }
}
