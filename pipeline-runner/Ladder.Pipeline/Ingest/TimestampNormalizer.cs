using System.Diagnostics;
using Ladder.LibAv;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Moves input packets onto the pipeline's output timeline (1/90000 s ticks): the first video keyframe of the first
/// input session is time zero; each later session (a loop of a file, a reconnect) continues where the last one
/// ended, or later when the caller asks (a live input that was down for a while); within a session a jump of the
/// input clock (an MPEG-TS discontinuity, a restarted encoder, corrupt timestamps) is absorbed the same way. DTS
/// strictly increases per stream, so encoders, decoders and the packagers never see time go backwards. Used by the
/// ingest thread only.
/// </summary>
/// <remarks>
/// Video drives the timeline. A jump is a video DTS step of more than 10 s forward or 1 s backward, and, for a live or
/// paced input, any forward step over 1 s that would put the packet more than 0.5 s ahead of the wall clock (<see
/// cref="WallClock"/>): the output timeline of a live pipeline never runs ahead of real time because of its input's
/// timestamps, whether they were corrupted in transit (MPEG-TS with flipped bytes) or jumped at the sender. A jump
/// re-anchors the input: the packet continues where the output is. A packet whose PTS and DTS contradict each other
/// keeps the one that fits its stream. Audio follows the video's offset; audio packets more than 2 s from the video are
/// dropped, and audio that stays that far (an input whose audio runs 10 s ahead) is realigned onto the video.
/// Contiguous packets that come faster than real time are not jumps; the ingest's <see cref="RealtimePacer"/> holds
/// them back.
/// </remarks>
internal sealed class TimestampNormalizer
{
    private static readonly long MaxForwardJump = 10L * PipelineTime.Frequency;
    private static readonly long MaxBackwardJump = PipelineTime.Frequency;
    private static readonly long MaxForwardStep = PipelineTime.Frequency;
    private static readonly long MaxLead = PipelineTime.Frequency / 2;
    private static readonly long MaxReorderDelay = 2L * PipelineTime.Frequency;
    private static readonly long MaxAvDrift = 2L * PipelineTime.Frequency;
    private const int RealignAfterPackets = 50;
    private long _end;
    private long _lastVideoDts = long.MinValue;
    private long _lastAudioDts = long.MinValue;
    private long _offset;
    private long _sessionStart;
    private bool _anchored;
    private bool _midGop;
    private long _audioShift;
    private int _audioOutOfSync;
    private long _clockStart;
    private long _clockStartTicks;

    /// <summary>The end of the latest packet so far (PTS + duration), in pipeline ticks.</summary>
    public long End => _end;

    /// <summary>How many timestamp jumps were absorbed (re-anchored) within sessions so far.</summary>
    public long Jumps { get; private set; }

    /// <summary>How many video packets came without any timestamp (no PTS, no DTS) and were dropped.</summary>
    public long UntimedVideoPackets { get; private set; }

    /// <summary>How many times the audio was moved onto the video's time because it was over 2 s away from it.</summary>
    public long AudioRealignments { get; private set; }

    /// <summary>How far the audio of this session was moved to meet the video, in pipeline ticks (positive: it was behind).</summary>
    public long AudioShift => _audioShift;

    /// <summary>How many packets had a PTS/DTS pair that cannot both be right (DTS after PTS, or PTS over 2 s after DTS) and were repaired.</summary>
    public long Repairs { get; private set; }

    /// <summary>
    /// The wall clock on the output timeline, in pipeline ticks: the first packet's DTS plus the real time since it
    /// was normalized; 0 before the first packet.
    /// </summary>
    public long WallClock => _clockStart == 0 ? 0 : _clockStartTicks + PipelineTime.FromSeconds(Stopwatch.GetElapsedTime(_clockStart).TotalSeconds);

    /// <summary>
    /// The shift from the current session's input timestamps to the output timeline, in pipeline ticks (video; audio
    /// adds <see cref="AudioShift"/>); meaningful once the session's first packet was placed.
    /// </summary>
    public long Offset => _offset;

    /// <summary>Starts a new input session whose first video packet lands at or after <paramref name="earliestStart"/> pipeline ticks.</summary>
    /// <param name="earliestStart">The earliest output time of the session's first packet (pipeline ticks).</param>
    /// <param name="midGop">
    /// Whether the session joins its input mid-GOP: the caller feeds the decoders the GOP from its keyframe up to the
    /// first packet (shifted by <see cref="Offset"/>, shown from that packet on), so any video packet may anchor it.
    /// Otherwise it starts on a video keyframe and drops what comes before.
    /// </param>
    public void BeginSession(long earliestStart, bool midGop = false)
    {
        _anchored = false;
        _midGop = midGop;
        _audioShift = 0;
        _audioOutOfSync = 0;
        _sessionStart = Math.Max(earliestStart, _end);
    }

    /// <summary>
    /// Rescales <paramref name="packet"/> from <paramref name="timeBase"/> to pipeline ticks and shifts it onto the
    /// output timeline. False when the packet must be dropped: before the session's first video keyframe (or, joining
    /// mid-GOP, its first video packet), without any timestamp, or not after its stream's previous DTS.
    /// </summary>
    /// <param name="packet">The packet, timestamps in <paramref name="timeBase"/>; rewritten in place.</param>
    /// <param name="timeBase">The input stream's time base.</param>
    /// <param name="isVideo">Whether the packet is video (each stream keeps its own DTS order).</param>
    /// <param name="live">Whether the input is live or paced, so its timeline is held to the wall clock; false for a file read as fast as possible.</param>
    public bool Normalize(Packet packet, Rational timeBase, bool isVideo, bool live)
    {
        packet.RescaleTimestamps(timeBase, PipelineTime.TimeBase);
        var pts = packet.Pts;
        var dts = packet.Dts;
        if (pts == Timestamp.None && dts == Timestamp.None)
        {
            UntimedVideoPackets += isVideo ? 1 : 0;
            return false;
        }

        pts = pts == Timestamp.None ? dts : pts;
        dts = dts == Timestamp.None ? pts : dts;
        ref var lastDts = ref isVideo ? ref _lastVideoDts : ref _lastAudioDts;
        if (pts < dts || pts - dts > MaxReorderDelay)
        {
            // One of the pair is corrupt (a DTS never follows its PTS, B-frame delay is a few frames): keep the one
            // nearer the stream's previous DTS, or the earlier one at the start.
            var expected = lastDts == long.MinValue ? Math.Min(pts, dts) : lastDts - _offset;
            pts = dts = Math.Abs(pts - expected) <= Math.Abs(dts - expected) ? pts : dts;
            Repairs++;
        }

        if (!_anchored)
        {
            if (!isVideo || !(packet.IsKeyframe || _midGop))
            {
                return false;
            }

            Anchor(pts, dts);
        }
        else if (isVideo && lastDts != long.MinValue && IsJump(dts + _offset, lastDts, live))
        {
            Anchor(pts, dts); // the input clock jumped: continue where the output is
            Jumps++;
        }
        else if (!isVideo && !FollowsVideo(dts + _offset + _audioShift))
        {
            return false;
        }

        var offset = isVideo ? _offset : _offset + _audioShift;
        pts += offset;
        dts += offset;
        if (dts <= lastDts)
        {
            return false;
        }

        lastDts = dts;
        packet.Pts = pts;
        packet.Dts = dts;
        _end = Math.Max(_end, pts + Math.Clamp(packet.Duration, 0, MaxForwardStep)); // a corrupt duration must not push the next session hours ahead
        if (_clockStart == 0)
        {
            _clockStart = Stopwatch.GetTimestamp();
            _clockStartTicks = dts;
        }

        return true;
    }

    /// <summary>
    /// Whether an audio packet at <paramref name="dts"/> (output timeline) is within 2 s of the video; audio that stays
    /// further away for 50 packets in a row (about a second) is moved onto the video's time (<see cref="AudioShift"/>),
    /// and until then its packets are dropped.
    /// </summary>
    private bool FollowsVideo(long dts)
    {
        if (_lastVideoDts == long.MinValue || Math.Abs(dts - _lastVideoDts) <= MaxAvDrift)
        {
            _audioOutOfSync = 0;
            return true;
        }

        if (++_audioOutOfSync < RealignAfterPackets)
        {
            return false;
        }

        _audioShift += _lastVideoDts - dts;
        _audioOutOfSync = 0;
        AudioRealignments++;
        return true;
    }

    private bool IsJump(long dts, long lastDts, bool live) =>
        dts > lastDts + MaxForwardJump
        || dts < lastDts - MaxBackwardJump
        || (live && dts > lastDts + MaxForwardStep && dts > WallClock + MaxLead);

    private void Anchor(long pts, long dts)
    {
        // The first packet's DTS must pass the previous video DTS, however far its PTS leads it (B-frame delay).
        var start = Math.Max(Math.Max(_sessionStart, _end), _lastVideoDts == long.MinValue ? 0 : _lastVideoDts + 1 + (pts - dts));
        _offset = start - pts;
        _sessionStart = start;
        _anchored = true;
    }
}
