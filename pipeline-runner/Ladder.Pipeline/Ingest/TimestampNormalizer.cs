using Ladder.LibAv;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Moves input packets onto the pipeline's output timeline (1/90000 s ticks): the first video keyframe of the first
/// input session is time zero; each later session (a loop of a file, a reconnect) continues where the last one
/// ended, or later when the caller asks (a live input that was down for a while); within a session a jump of the
/// input clock (an MPEG-TS discontinuity, a restarted encoder) is absorbed the same way. DTS strictly increases per
/// stream, so encoders, decoders and the packagers never see time go backwards. Used by the ingest thread only.
/// </summary>
internal sealed class TimestampNormalizer
{
    private static readonly long MaxForwardJump = 10L * PipelineTime.Frequency;
    private static readonly long MaxBackwardJump = PipelineTime.Frequency;
    private long _end;
    private long _lastVideoDts = long.MinValue;
    private long _lastAudioDts = long.MinValue;
    private long _offset;
    private long _sessionStart;
    private bool _anchored;

    /// <summary>The end of the latest packet so far (PTS + duration), in pipeline ticks.</summary>
    public long End => _end;

    /// <summary>Starts a new input session whose first keyframe lands at or after <paramref name="earliestStart"/> pipeline ticks.</summary>
    public void BeginSession(long earliestStart)
    {
        _anchored = false;
        _sessionStart = Math.Max(earliestStart, _end);
    }

    /// <summary>
    /// Rescales <paramref name="packet"/> from <paramref name="timeBase"/> to pipeline ticks and shifts it onto the
    /// output timeline. False when the packet must be dropped: before the session's first video keyframe, without
    /// any timestamp, or not after its stream's previous DTS.
    /// </summary>
    public bool Normalize(Packet packet, Rational timeBase, bool isVideo)
    {
        packet.RescaleTimestamps(timeBase, PipelineTime.TimeBase);
        var pts = packet.Pts;
        var dts = packet.Dts;
        if (pts == Timestamp.None && dts == Timestamp.None)
        {
            return false;
        }

        pts = pts == Timestamp.None ? dts : pts;
        dts = dts == Timestamp.None ? pts : dts;
        ref var lastDts = ref isVideo ? ref _lastVideoDts : ref _lastAudioDts;
        if (!_anchored)
        {
            if (!isVideo || !packet.IsKeyframe)
            {
                return false;
            }

            Anchor(pts, dts);
        }
        else if (lastDts != long.MinValue && (dts + _offset > lastDts + MaxForwardJump || dts + _offset < lastDts - MaxBackwardJump))
        {
            Anchor(pts, dts); // the input clock jumped: continue where the output is
        }

        pts += _offset;
        dts += _offset;
        if (dts <= lastDts)
        {
            return false;
        }

        lastDts = dts;
        packet.Pts = pts;
        packet.Dts = dts;
        _end = Math.Max(_end, pts + Math.Max(packet.Duration, 0));
        return true;
    }

    private void Anchor(long pts, long dts)
    {
        // The first packet's DTS must pass the previous video DTS, however far its PTS leads it (B-frame delay).
        var start = Math.Max(Math.Max(_sessionStart, _end), _lastVideoDts == long.MinValue ? 0 : _lastVideoDts + 1 + (pts - dts));
        _offset = start - pts;
        _sessionStart = start;
        _anchored = true;
    }
}
