using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Reads one input for a <see cref="FailoverIngestStage"/> (stage id <c>ingest/&lt;input&gt;</c>): keeps the
/// input open (hot standby: a backup needs no reconnect to take over), records when video last arrived, and hands
/// every packet to its owner, which forwards it only while this input is the active one. On an open or read error, a
/// read timeout (<c>spec.failover.inputTimeout</c>) or a stream without video it reports
/// <see cref="StageState.Reconnecting"/> and reopens with backoff (0.5 s doubling to 5 s).
/// </summary>
internal sealed class InputReader : InputStage, IFailoverInput
{
    private readonly FailoverIngestStage _owner;
    private readonly RealtimePacer _pacer;
    private ForwardOutcome _pacedOn;
    private readonly Packet _packet = new();
    private long _lastVideoTimestamp;
    private long _lastPacketUnixMs;
    private long _healthySince;
    private volatile string? _failure;
    private volatile bool _failureIsTimeout;
    private volatile string? _undecodable;

    /// <summary>Creates the reader; <see cref="Stage.Start"/> opens the input.</summary>
    /// <param name="settings">How to open the input.</param>
    /// <param name="priority">0 for the primary, higher for backups.</param>
    /// <param name="owner">The stage that selects the active input and forwards its packets.</param>
    /// <param name="logger">Logging.</param>
    public InputReader(InputSettings settings, int priority, FailoverIngestStage owner, ILogger logger)
        : base(Reload.StageNames.Ingest(settings.Name), settings, logger)
    {
        Priority = priority;
        _owner = owner;
        _pacer = new RealtimePacer(settings.PaceLead);
    }

    /// <inheritdoc />
    public string Name => Settings.Name;

    /// <summary>Position in <c>spec.inputs</c>: 0 is the primary; a reload that reorders the inputs sets it.</summary>
    public int Priority { get; set; }

    /// <summary>The switch count of the owner at which this session last announced its format; -1 when it has not (owner's forward lock only).</summary>
    internal long AnnouncedSwitch { get; set; } = -1;

    /// <summary>The open session's streams, for announcing the format on a switch; null while the input is closed.</summary>
    internal InputSessionStreams? Session { get; private set; }

    /// <summary>When the last packet arrived (UTC), or null when none did.</summary>
    public DateTimeOffset? LastPacketTime => Interlocked.Read(ref _lastPacketUnixMs) is var ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Why the input last failed (secrets masked), or null when it never did since it last delivered video.</summary>
    public string? Failure => _failure;

    /// <summary>
    /// Whether the input is healthy at <paramref name="now"/> (a timestamp of the owner's <see cref="FailoverIngestStage.Clock"/>): open, and its last
    /// video packet is younger than <paramref name="timeout"/>.
    /// </summary>
    public bool IsHealthy(long now, TimeSpan timeout)
    {
        var last = Interlocked.Read(ref _lastVideoTimestamp);
        var healthy = last != 0 && Session is not null && _undecodable is null && _owner.Clock.GetElapsedTime(last, now) < timeout;
        if (!healthy)
        {
            Interlocked.Exchange(ref _healthySince, 0);
        }

        return healthy;
    }

    /// <summary>How long the input has been healthy without interruption at <paramref name="now"/>; zero when unhealthy.</summary>
    public TimeSpan HealthyFor(long now) => Interlocked.Read(ref _healthySince) is var since && since != 0 ? _owner.Clock.GetElapsedTime(since, now) : TimeSpan.Zero;

    /// <summary>
    /// Marks the input unhealthy because its packets decode to no picture; it stays so until its sender reconnects
    /// (a new session), so a broken source is not failed back to again and again.
    /// </summary>
    public void MarkUndecodable(string message)
    {
        _undecodable = message;
        _failure = message;
        _failureIsTimeout = false;
    }

    /// <summary>The reason to report when this input stops being healthy: an error, or a timeout.</summary>
    public FailoverReason FailureReason => _failure is null || _failureIsTimeout ? FailoverReason.Timeout : FailoverReason.Error;

    /// <inheritdoc />
    protected override void OnEndOfFile(string detail) => _failure = detail;

    /// <inheritdoc />
    protected override string OnInputLost(Exception error, IReadOnlyList<string> libAvWarnings)
    {
        Session = null;
        var timeout = error is FFmpegTimeoutException;
        var reason = Settings.Redact(InputProblem.Explain(error, Settings, libAvWarnings));
        _failureIsTimeout = timeout;
        _failure = reason;
        return reason;
    }

    /// <inheritdoc />
    protected override void FinishInput()
    {
        Session = null;
        _packet.Dispose();
    }

    // A paced input is held to the wall clock on the timeline its packets were placed on: the output's (normalized, so a
    // timestamp jump does not stall the reader) while this input is active, its own while it stands by.
    private void Pace(ForwardOutcome outcome)
    {
        if (!Settings.IsPaced || outcome == ForwardOutcome.Unusable || _packet.Dts == Timestamp.None)
        {
            return;
        }

        if (outcome != _pacedOn)
        {
            _pacer.Reset();
            _pacedOn = outcome;
        }

        _pacer.Wait(_packet.Dts, Stopping);
    }

    /// <inheritdoc />
    protected override bool RunSession()
    {
        using var input = OpenInput(withAudio: true, out var streams, out var description);
        var (video, audio) = streams;
        if (_owner.HasOneInput && (video.Width <= 0 || video.Height <= 0))
        {
            // With backups the decoder finds such an input undecodable and the switch moves on; alone, it is refused here.
            throw new InvalidDataException(
                $"input '{Settings.Name}': the video's picture size cannot be read (0x0): no usable video came in the part of the input read to identify its streams, so the video is missing, starts long after the audio, or is too damaged to decode (technical: {video.CodecName} stream without parameter sets (SPS/PPS); the options analyzeduration and probesize make the runner read further).");
        }

        PipelineLog.InputOpened(Logger, Settings.Name, description);
        _pacer.Reset();
        _undecodable = null;
        Session = streams;
        _owner.SessionOpened(this);
        var delivered = false;
        var watch = new UsableVideoWatch(Settings, _owner.Normalizer);
        try
        {
            while (input.ReadPacket(_packet, Stopping))
            {
                var index = _packet.StreamIndex;
                var isVideo = index == video.Index;
                if (!isVideo && index != audio?.Index)
                {
                    watch.Record(knownStream: false, usableVideo: false);
                    continue;
                }

                _packet.RescaleTimestamps(isVideo ? video.TimeBase : audio!.TimeBase, PipelineTime.TimeBase);

                var now = _owner.Clock.GetTimestamp();
                Interlocked.Exchange(ref _lastPacketUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                if (isVideo)
                {
                    Interlocked.Exchange(ref _lastVideoTimestamp, now);
                    if (_undecodable is null)
                    {
                        Interlocked.CompareExchange(ref _healthySince, now, 0);
                        _failure = null;
                    }
                }

                if (!delivered)
                {
                    delivered = true;
                    SetState(StageState.Running, detail: description);
                }

                Counters.Record(_packet.Size, _packet.Pts);
                var outcome = _owner.Forward(this, _packet, isVideo);
                watch.Record(knownStream: true, usableVideo: isVideo && outcome != ForwardOutcome.Unusable);
                Pace(outcome);
            }

            watch.Finish();
        }
        finally
        {
            Session = null;
        }

        return delivered;
    }
}
