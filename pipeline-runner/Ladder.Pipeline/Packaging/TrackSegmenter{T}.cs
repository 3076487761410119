using Ladder.LibAv;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// Decides one track's segments: where each begins and ends, its duration and what precedes it, on the
/// <see cref="SegmentBoundaries"/> every track of the pipeline shares. Pure: no muxer, no I/O, no clock (it reads
/// media time only); it hands its decisions and the frames to an <see cref="ISegmenterOutput{T}"/>. Not thread-safe:
/// one loop feeds it.
/// <list type="bullet">
/// <item>Frames without a PTS, with a decode time that does not increase within a version, or of an older version are discarded.</item>
/// <item>Video opens a segment on a segment-starting keyframe that is a boundary (see <see cref="SegmentBoundaries.TryCut"/>).
/// Audio holds its frames until the segment they fall in is known (<see cref="SegmentBoundaries.Locate"/>), so its
/// segments carry the same numbers; an audio-only pipeline's audio cuts the grid itself.</item>
/// <item>A new track version starts at a boundary with a new init segment and a discontinuity.</item>
/// <item>A presentation time more than the gap after the last frame ends the segment at its last frame and marks a discontinuity.</item>
/// <item>A segment that reaches the cap (its duration would round above <c>EXT-X-TARGETDURATION</c>, RFC 8216
/// section 4.3.3.1, because a keyframe is missing) is closed at its last frame; frames up to the next boundary are
/// discarded and the next segment, at the next keyframe (segment-starting or not), follows a discontinuity.</item>
/// <item>A frame's duration runs to the next frame's decode time; its own (or one frame) across a break or the end.</item>
/// <item>With a part target (Low-Latency HLS, RFC 8216bis section 4.4.4.9), a segment is also cut into parts: a part
/// ends before the frame that would take it past the target, and the segment's last part ends with the segment, so
/// no part is longer than the target (unless one frame is). A part is independent when its first frame is a keyframe.</item>
/// </list>
/// </summary>
/// <typeparam name="T">The frame's data, handed back with each decision.</typeparam>
internal sealed class TrackSegmenter<T>
{
    private readonly bool _video;
    private readonly bool _selfPaced;
    private readonly SegmentBoundaries _boundaries;
    private readonly ISegmenterOutput<T> _output;
    private readonly long _gap;
    private readonly long _targetDuration;
    private readonly int _capacity;
    private readonly Func<bool>? _mayLead;
    private readonly Queue<(T Data, SegmenterFrame Frame)> _pending = new();
    private (T Data, SegmenterFrame Frame)? _held;
    private SegmentSpan? _open;
    private long _openLast;
    private long _openEnd;
    private TrackTiming? _track;
    private long _lastDts = long.MinValue;
    private int _lastDtsVersion;
    private long _lastOpened;
    private bool _capped;
    private bool _restarting;
    private bool _closedAny;
    private readonly long _partTarget;
    private int _partIndex;
    private long _partDuration;
    private bool _partIndependent;
    private bool _partStarted;

    /// <summary>Creates the segmenter of one track.</summary>
    /// <param name="video">Whether the track is video (it cuts on keyframes) or audio (it follows the boundaries).</param>
    /// <param name="selfPaced">Whether an audio track cuts the grid itself (no video in the pipeline).</param>
    /// <param name="boundaries">The boundaries shared by the pipeline's tracks.</param>
    /// <param name="output">Where decisions and frames go.</param>
    /// <param name="gapSeconds">A presentation-time jump longer than this, in seconds, is a break.</param>
    /// <param name="targetDuration">The playlists' <c>EXT-X-TARGETDURATION</c> in seconds: no segment may round above it.</param>
    /// <param name="capacity">Audio frames held waiting for their boundary before the oldest is dropped.</param>
    /// <param name="mayLead">Whether this video track, before its first segment, may announce boundaries (no other video track is cutting yet); null for always.</param>
    /// <param name="partTargetSeconds">The part target duration in seconds (<c>EXT-X-PART-INF:PART-TARGET</c>); 0 for no parts.</param>
    public TrackSegmenter(
        bool video, bool selfPaced, SegmentBoundaries boundaries, ISegmenterOutput<T> output, double gapSeconds, int targetDuration, int capacity,
        Func<bool>? mayLead = null, double partTargetSeconds = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partTargetSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetDuration, 1);
        _video = video;
        _selfPaced = selfPaced;
        _boundaries = boundaries;
        _output = output;
        _gap = (long)(gapSeconds * 1_000_000);
        _targetDuration = targetDuration * 1_000_000L;
        _capacity = capacity;
        _mayLead = mayLead;
        _partTarget = (long)Math.Round(partTargetSeconds * 1_000_000);
    }

    /// <summary>Whether the track has opened a segment: it cuts on the shared boundaries. Safe from any thread.</summary>
    public bool Cutting => Interlocked.Read(ref _lastOpened) > 0;

    /// <summary>Takes the track's next frame, in decode order.</summary>
    /// <param name="data">The frame's data, handed back with the decision about it.</param>
    /// <param name="frame">Its timestamps and flags.</param>
    public void Push(T data, SegmenterFrame frame)
    {
        var dts = frame.Track.ToMicroseconds(frame.Dts == Timestamp.None ? frame.Pts : frame.Dts);
        var version = frame.Track.Version;
        if (frame.Pts == Timestamp.None || version < _lastDtsVersion || (version == _lastDtsVersion && dts <= _lastDts))
        {
            _output.Discard(data);
            return;
        }

        _lastDts = dts;
        _lastDtsVersion = version;
        if (_video)
        {
            PushVideo(data, frame);
            return;
        }

        _pending.Enqueue((data, frame));
        if (_pending.Count > _capacity)
        {
            _output.Drop(_pending.Dequeue().Data);
        }

        Drain(final: false);
    }

    /// <summary>Places held audio frames whose boundary is now known; call when a boundary was announced.</summary>
    public void Wake() => Drain(final: false);

    /// <summary>Ends the track: held audio frames are placed on the boundaries known, and the open segment closes at its last frame.</summary>
    public void Complete()
    {
        Drain(final: true);
        if (_open is not null)
        {
            Close(null);
        }
    }

    /// <summary>
    /// Forgets the open segment after its output failed: the held frame is discarded, and the track starts again at
    /// the next boundary with a new muxer, its init segment published again and (after an earlier segment) a discontinuity.
    /// </summary>
    public void Reset()
    {
        if (_held is { } held)
        {
            _held = null;
            _output.Discard(held.Data);
        }

        _open = null;
        _restarting = true;
    }

    private void PushVideo(T data, SegmenterFrame frame)
    {
        var time = frame.Track.ToMicroseconds(frame.Pts);
        if (_open is not null && frame.Track.Version < _open.Track.Version)
        {
            _output.Discard(data);
            return;
        }

        if ((frame.StartsSegment || (_capped && frame.IsKeyframe))
            && _boundaries.TryCut(time, frame.Track.HalfFrame, announce: Cutting || _mayLead is null || _mayLead()) is { } sequence
            && sequence > _lastOpened)
        {
            Open(data, frame, sequence, time);
            return;
        }

        Append(data, frame, time);
    }

    private void Drain(bool final)
    {
        while (_pending.TryPeek(out var item))
        {
            var time = item.Frame.Track.ToMicroseconds(item.Frame.Pts);
            var decided = true;
            var target = _selfPaced ? _boundaries.TryCut(time, item.Frame.Track.HalfFrame) ?? _lastOpened : _boundaries.Locate(time, out decided);
            if (!decided && !final)
            {
                return;
            }

            _pending.Dequeue();
            if (target > _lastOpened && (_open is null || item.Frame.Track.Version >= _open.Track.Version))
            {
                Open(item.Data, item.Frame, target, time);
            }
            else if (target == _open?.Sequence)
            {
                Append(item.Data, item.Frame, time);
            }
            else
            {
                _output.Discard(item.Data);
            }
        }
    }

    /// <summary>Closes the open segment (if any) and opens segment <paramref name="sequence"/> with the frame.</summary>
    private void Open(T data, SegmenterFrame frame, long sequence, long time)
    {
        var gap = false;
        if (_open is not null)
        {
            gap = time - _openLast > _gap;
            Close(gap ? null : frame);
        }

        var newVersion = _track is null || _track.Version != frame.Track.Version;
        var segment = new SegmentSpan(
            sequence, frame.Track, frame.Pts, time, (newVersion && _track is not null) || gap || _capped || (_restarting && _closedAny))
        {
            NewMuxer = newVersion || gap || _capped || _restarting,
            NewInit = newVersion || _restarting,
            EndPts = frame.Pts,
        };
        try
        {
            _output.Opened(segment, data);
        }
        catch
        {
            _output.Discard(data);
            throw;
        }

        _track = frame.Track;
        _capped = false;
        _restarting = false;
        Interlocked.Exchange(ref _lastOpened, sequence);
        _open = segment;
        _partIndex = 0;
        _partDuration = 0;
        _partStarted = false;
        _openLast = time;
        _openEnd = frame.Pts;
        Append(data, frame, time);
    }

    /// <summary>Adds a frame to the open segment: the previous frame is written with its duration taken from this one's decode time.</summary>
    private void Append(T data, SegmenterFrame frame, long time)
    {
        if (_open is null || frame.Track.Version != _open.Track.Version)
        {
            _output.Discard(data);
            return;
        }

        if (time - _open.StartTime > Cap(_open.Track))
        {
            // A missing keyframe: the segment would round above EXT-X-TARGETDURATION. End it here; the next keyframe starts the next.
            _open = _open with { Overlong = true };
            Close(null);
            _capped = true;
            _output.Discard(data);
            return;
        }

        var previous = _held;
        _held = (data, frame);
        if (previous is { } held)
        {
            WriteHeld(held, DurationOf(held.Frame, frame));
            if (_partTarget > 0 && frame.Track.ToMicroseconds(_partDuration + OwnDuration(frame)) > _partTarget + frame.Track.HalfFrame / 10)
            {
                EndPart(_open.Sequence);
            }
        }

        _openLast = Math.Max(_openLast, time);
        _openEnd = Math.Max(_openEnd, frame.Pts + OwnDuration(frame));
    }

    /// <summary>Writes the held frame and closes the open segment.</summary>
    /// <param name="next">The first frame of the next segment (its presentation time ends this one), or null to end at the last frame.</param>
    private void Close(SegmenterFrame? next)
    {
        var open = _open!;
        _open = null;
        if (_held is { } held)
        {
            _held = null;
            WriteHeld(held, next is { } following ? DurationOf(held.Frame, following) : OwnDuration(held.Frame));
        }

        if (_partStarted)
        {
            EndPart(open.Sequence);
        }

        var end = next is { } n ? Rational.Rescale(n.Pts, n.Track.TimeBase, open.Track.TimeBase) : _openEnd;
        _output.Closed(open with { EndPts = end });
        _closedAny = true;
    }

    /// <summary>Writes a frame of the open segment; with parts, it counts towards the open part, which it starts when it is the first.</summary>
    private void WriteHeld((T Data, SegmenterFrame Frame) held, long duration)
    {
        if (_partTarget > 0)
        {
            if (!_partStarted)
            {
                _partStarted = true;
                _partIndependent = held.Frame.IsKeyframe;
            }

            _partDuration += duration;
        }

        _output.Write(held.Data, duration);
    }

    /// <summary>Ends the open part of segment <paramref name="sequence"/> after the frames written so far.</summary>
    private void EndPart(long sequence)
    {
        _output.PartEnded(new PartSpan(sequence, _partIndex, _partDuration, _partIndependent));
        _partIndex++;
        _partDuration = 0;
        _partStarted = false;
    }

    /// <summary>The longest a segment may grow, in µs, before its duration would round above the target duration: the target plus half a second, less a frame and a margin.</summary>
    private long Cap(TrackTiming track) => _targetDuration + 500_000 - (2 * track.HalfFrame) - 2_000;

    /// <summary>A frame's duration up to the next one's decode time when that is positive and no gap; else its own.</summary>
    private long DurationOf(SegmenterFrame frame, SegmenterFrame next)
    {
        if (next.Track.Version != frame.Track.Version)
        {
            return OwnDuration(frame);
        }

        var duration = DecodeTime(next) - DecodeTime(frame);
        return duration > 0 && duration <= Rational.Rescale(_gap, Rational.Microseconds, frame.Track.TimeBase) ? duration : OwnDuration(frame);
    }

    private static long DecodeTime(SegmenterFrame frame) => frame.Dts == Timestamp.None ? frame.Pts : frame.Dts;

    private static long OwnDuration(SegmenterFrame frame) => frame.Duration > 0 ? frame.Duration : frame.Track.FrameDuration;
}
