using System.Diagnostics;
using System.Globalization;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Reads one input through libavformat (<see cref="InputContext"/>) and feeds the video and audio consumers: the
/// video decoder, passthrough renditions, the audio stage. It moves every packet onto the output timeline
/// (<see cref="TimestampNormalizer"/>), paces file inputs in real time when asked, replays looping files, and when
/// the input fails (open error, no packet within the input timeout, a sender that disconnects, garbage that yields
/// no video stream) it reports <see cref="StageState.Reconnecting"/> with the reason and reopens the input with
/// exponential backoff (0.5 s doubling to 5 s) until it returns, while the encoders keep running. Together with the
/// decoders behind it this is the pipeline's frame source: the next issue's failover swaps it without touching encoders.
/// </summary>
internal sealed class IngestStage : Stage
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly InputSettings _settings;
    private readonly IReadOnlyList<QueueStage<SourcePacket>> _videoTargets;
    private readonly QueueStage<SourcePacket>? _audioTarget;
    private readonly SourceKeyframeSchedule? _schedule;
    private readonly MediaPool<Packet> _packets;
    private readonly TimestampNormalizer _normalizer = new();
    private readonly RealtimePacer _pacer = new();
    private readonly Packet _packet = new();
    private long _firstPacketTimestamp;
    private volatile string? _activeInput;

    /// <summary>Creates the stage; <see cref="Stage.Start"/> opens the input.</summary>
    public IngestStage(
        InputSettings settings,
        IReadOnlyList<QueueStage<SourcePacket>> videoTargets,
        QueueStage<SourcePacket>? audioTarget,
        SourceKeyframeSchedule? schedule,
        MediaPool<Packet> packets,
        ILogger logger)
        : base("ingest", "ingest", logger)
    {
        _settings = settings;
        _videoTargets = videoTargets;
        _audioTarget = audioTarget;
        _schedule = schedule;
        _packets = packets;
    }

    /// <summary>The name of the input being read; null while none is open.</summary>
    public string? ActiveInput => _activeInput;

    /// <inheritdoc />
    protected override void Run()
    {
        var failures = 0;
        var loopsLeft = _settings.Loop;
        while (true)
        {
            Stopping.ThrowIfCancellationRequested();
            try
            {
                var delivered = RunSession();
                if (delivered)
                {
                    failures = 0;
                }

                if (!_settings.IsFile)
                {
                    throw new EndOfStreamException($"input '{_settings.Name}' ended: the sender closed the stream.");
                }

                if (loopsLeft == 0)
                {
                    SetState(StageState.Stopped, detail: $"input '{_settings.Name}' reached the end of the file.");
                    return;
                }

                loopsLeft = loopsLeft < 0 ? loopsLeft : loopsLeft - 1;
            }
            catch (Exception error) when (!Stopping.IsCancellationRequested && error is not OutOfMemoryException)
            {
                _activeInput = null;
                var delay = TimeSpan.FromSeconds(Math.Min(0.5 * Math.Pow(2, failures++), MaxBackoff.TotalSeconds));
                var reason = _settings.Redact(Describe(error));
                SetState(StageState.Reconnecting, reason, $"reopening input '{_settings.Name}' in {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (attempt {failures}).");
                PipelineLog.InputLost(Logger, _settings.Name, delay.TotalSeconds, reason);
                if (Stopping.WaitHandle.WaitOne(delay))
                {
                    Stopping.ThrowIfCancellationRequested();
                }
            }
        }
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

    /// <summary>Opens the input and forwards its packets until it ends; returns whether any packet went out.</summary>
    private bool RunSession()
    {
        var url = _settings.Redact(_settings.Url);
        SetState(StageState.Starting, detail: _settings.Mode == InputMode.Listen ? $"waiting for a sender on {url}" : $"opening {url}");
        using var options = new MediaDictionary();
        foreach (var (key, value) in _settings.Options)
        {
            options.Set(key, value);
        }

        using var input = InputContext.Open(_settings.Url, _settings.ToInputOptions(options), Stopping);
        var video = input.FindStream(MediaType.Video)
            ?? throw new InvalidDataException(
                $"input '{_settings.Name}' has no video stream (found: {string.Join(", ", input.Streams.Select(s => $"{s.MediaType} {s.CodecName}"))}); send H.264/HEVC video.");
        var audio = _audioTarget is null ? null : input.FindStream(MediaType.Audio);
        foreach (var target in _videoTargets)
        {
            target.Offer(new SourcePacket(null, new SourceFormat(CodecParameters.From(video), video.FrameRate)), Stopping, mustDeliver: true);
        }

        if (audio is not null)
        {
            _audioTarget!.Offer(new SourcePacket(null, new SourceFormat(CodecParameters.From(audio), new Rational(0, 1))), Stopping, mustDeliver: true);
        }

        var description = $"{url}: video {video.CodecName} {video.Width}x{video.Height} {video.FrameRate.ToDouble():0.###} fps"
            + (audio is null ? ", no audio" : $", audio {audio.CodecName} {audio.SampleRate} Hz");
        PipelineLog.InputOpened(Logger, _settings.Name, description);
        _normalizer.BeginSession(EarliestStart());
        _pacer.Reset();
        var delivered = false;
        while (input.ReadPacket(_packet, Stopping))
        {
            var index = _packet.StreamIndex;
            var isVideo = index == video.Index;
            if ((!isVideo && index != audio?.Index) || !_normalizer.Normalize(_packet, isVideo ? video.TimeBase : audio!.TimeBase, isVideo))
            {
                continue;
            }

            if (_settings.Realtime)
            {
                _pacer.Wait(_packet.Dts, Stopping);
            }

            if (!delivered)
            {
                delivered = true;
                _activeInput = _settings.Name;
                _firstPacketTimestamp = _firstPacketTimestamp == 0 ? Stopwatch.GetTimestamp() : _firstPacketTimestamp;
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

        return delivered;
    }

    private void Dispatch(QueueStage<SourcePacket> target)
    {
        var copy = _packets.Rent();
        copy.Ref(_packet);
        target.Offer(new SourcePacket(copy, null), Stopping);
    }

    /// <summary>Where a new session may start: after the last packet, and for live or paced inputs not before the wall clock.</summary>
    private long EarliestStart() =>
        _firstPacketTimestamp == 0 || (_settings.IsFile && !_settings.Realtime)
            ? 0
            : PipelineTime.FromSeconds(Stopwatch.GetElapsedTime(_firstPacketTimestamp).TotalSeconds);

    private string Describe(Exception error) => error switch
    {
        FFmpegTimeoutException when error.Message.Contains("av_read_frame", StringComparison.Ordinal) =>
            $"no packet for {_settings.ReadTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s from input '{_settings.Name}' (spec.failover.inputTimeout).",
        FFmpegException when error.Message.Contains("av_read_frame", StringComparison.Ordinal) =>
            $"input '{_settings.Name}' broke off (the sender disconnected or the stream is corrupt): {error.Message}",
        _ => $"input '{_settings.Name}': {error.Message}",
    };
}
