using Ladder.LibAv;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Reads one input through libavformat (<see cref="InputContext"/>) and feeds the video and audio consumers: the
/// video decoder, passthrough renditions, the audio stage. It moves every packet onto the output timeline
/// (<see cref="TimestampNormalizer"/>), paces file inputs in real time when asked and live inputs to at most 3 s ahead
/// of the wall clock (so a live pipeline never outputs faster than real time), replays looping files, and when
/// the input fails (open error, no packet within the input timeout, a sender that disconnects, garbage that yields
/// no video stream) it reports <see cref="StageState.Reconnecting"/> with the reason and reopens the input with
/// exponential backoff (0.5 s doubling to 5 s) until it returns, while the encoders keep running. Together with the
/// decoders behind it this is the pipeline's frame source: the next issue's failover swaps it without touching encoders.
/// </summary>
internal sealed class IngestStage : InputStage
{
    private readonly IReadOnlyList<QueueStage<SourcePacket>> _videoTargets;
    private readonly QueueStage<SourcePacket>? _audioTarget;
    private readonly SourceKeyframeSchedule? _schedule;
    private readonly MediaPool<Packet> _packets;
    /// <summary>How far a live input's packets may run ahead of the wall clock (a sender's burst of what it buffered).</summary>
    private static readonly TimeSpan LiveLead = TimeSpan.FromSeconds(3);
    private readonly TimestampNormalizer _normalizer = new();
    private readonly RealtimePacer _pacer;
    private readonly Packet _packet = new();
    private volatile string? _activeInput;

    /// <summary>Creates the stage; <see cref="Stage.Start"/> opens the input.</summary>
    public IngestStage(
        InputSettings settings,
        IReadOnlyList<QueueStage<SourcePacket>> videoTargets,
        QueueStage<SourcePacket>? audioTarget,
        SourceKeyframeSchedule? schedule,
        MediaPool<Packet> packets,
        ILogger logger)
        : base("ingest", settings, logger)
    {
        _videoTargets = videoTargets;
        _audioTarget = audioTarget;
        _schedule = schedule;
        _packets = packets;
        _pacer = new RealtimePacer(settings.IsFile ? TimeSpan.Zero : LiveLead);
    }

    /// <summary>The name of the input being read; null while none is open.</summary>
    public string? ActiveInput => _activeInput;

    /// <inheritdoc />
    protected override string OnInputLost(Exception error)
    {
        _activeInput = null;
        return Settings.Redact(InputProblem.Explain(error, Settings));
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        _activeInput = null;
        foreach (var target in _videoTargets)
        {
            target.CompleteInput();
        }

        _audioTarget?.CompleteInput();
        _packet.Dispose();
    }

    /// <inheritdoc />
    protected override bool RunSession()
    {
        using var input = OpenInput(_audioTarget is not null, out var streams, out var description);
        var (video, audio) = streams;
        if (video.Width <= 0 || video.Height <= 0)
        {
            // A failover reader keeps such an input open and lets the decoder find it undecodable; alone, it is refused here.
            throw new InvalidDataException(
                $"input '{Settings.Name}': the video's picture size cannot be read (0x0): the stream is too damaged to decode from here (technical: {video.CodecName} without usable parameter sets).");
        }

        foreach (var target in _videoTargets)
        {
            target.Offer(new SourcePacket(null, SourceFormat.Video(video)), Stopping, mustDeliver: true);
        }

        if (audio is not null)
        {
            _audioTarget!.Offer(new SourcePacket(null, SourceFormat.Audio(audio)), Stopping, mustDeliver: true);
        }

        PipelineLog.InputOpened(Logger, Settings.Name, description);
        _normalizer.BeginSession(EarliestStart());
        _pacer.Reset();
        var delivered = false;
        var watch = new UsableVideoWatch(Settings, _normalizer);
        while (input.ReadPacket(_packet, Stopping))
        {
            var index = _packet.StreamIndex;
            var isVideo = index == video.Index;
            var known = isVideo || index == audio?.Index;
            var usable = known && _normalizer.Normalize(_packet, isVideo ? video.TimeBase : audio!.TimeBase, isVideo, Paced);
            watch.Record(known, isVideo && usable);
            if (!usable)
            {
                continue;
            }

            if (Paced)
            {
                _pacer.Wait(_packet.Dts, Stopping);
            }

            if (!delivered)
            {
                delivered = true;
                _activeInput = Settings.Name;
                SetState(StageState.Running, detail: description);
            }

            Counters.Record(_packet.Size, _packet.Pts);
            if (isVideo)
            {
                if (_packet.IsKeyframe)
                {
                    _schedule?.Register(_packet.Pts);
                }

                foreach (var target in _videoTargets)
                {
                    Dispatch(target);
                }
            }
            else
            {
                Dispatch(_audioTarget!);
            }
        }

        watch.Finish();
        return delivered;
    }

    private void Dispatch(QueueStage<SourcePacket> target)
    {
        var copy = _packets.Rent();
        copy.Ref(_packet);
        target.Offer(new SourcePacket(copy, null), Stopping);
    }

    /// <summary>Whether the input is held to the wall clock: live, or a file paced in real time.</summary>
    private bool Paced => !Settings.IsFile || Settings.Realtime;

    /// <summary>Where a new session may start: after the last packet, and for live or paced inputs not before the wall clock.</summary>
    private long EarliestStart() => Paced ? _normalizer.WallClock : 0;

}
