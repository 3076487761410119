using Ladder.Api.Runner;
using Ladder.LibAv;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// The pipeline's frame source, stage <c>ingest</c> (the input switch): one <see cref="InputReader"/> per input of
/// <c>spec.inputs</c> (one or several), all kept open (hot standby), and a state machine on this stage's thread that
/// picks which one feeds the decoders. A reload changes the inputs live (<see cref="Reconfigure"/>) and hands the audio
/// to a new audio stage on a segment boundary (<see cref="SwitchAudio"/>); the decoders and encoders keep running.
/// Only the decoder side changes on a switch: the new input's <see cref="SourceFormat"/> goes through the decoders'
/// queues (they recreate their decoder there), its timestamps continue the output timeline through the shared
/// <see cref="TimestampNormalizer"/>, and the encoders, whose scalers rebuild on a new frame size, never restart.
/// </summary>
/// <remarks>
/// <para>Health: an input is healthy while open and its last video packet is younger than
/// <c>spec.failover.inputTimeout</c>; an open/read error, a stream without video, silence, or video that decodes to no
/// picture for the timeout plus 3 s (see <see cref="DecodedClock"/>) makes it unhealthy.</para>
/// <para>Selection, checked every 20 ms by a <see cref="FailoverStateMachine{TInput}"/> on the stage's clock (a
/// <see cref="TimeProvider"/>, which the readers' health uses too): the first healthy input in priority order is chosen at start; when the active
/// input turns unhealthy the highest-priority healthy one takes over (reason <c>timeout</c> or <c>error</c>); a
/// higher-priority input that has been healthy for <c>spec.failover.failbackDelay</c> takes back over (reason
/// <c>failback</c>); <see cref="Activate"/> switches at once (reason <c>manual</c>) and holds that input until it
/// fails. The last 20 switches are kept, with the media time each one lost.</para>
/// <para>Joining: while an input stands by, its video since its latest keyframe is held (<see cref="StandbyGop"/>), so
/// a switch to it starts at its current frame: the decoder gets that GOP from its keyframe and shows the pictures from
/// the switch on. The media lost is then the time the old input was silent (the input timeout), not that plus the wait
/// for the new input's next keyframe (half its GOP on average). Without a held GOP (an input that just connected, a
/// GOP over <see cref="StandbyGop.MaxPackets"/>), and whenever a rendition is passthrough (it copies the source's
/// packets, so it must start on a keyframe), the switch waits for the input's next keyframe.</para>
/// <para>End: once every reader has ended (file inputs read to their end), the stage ends and completes the decoders'
/// queues, so the pipeline drains and completes.</para>
/// </remarks>
internal sealed class FailoverIngestStage : Stage
{
    /// <summary>How many switches <see cref="Switches"/> keeps.</summary>
    public const int SwitchHistory = 20;
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    private readonly IReadOnlyList<QueueStage<SourcePacket>> _videoTargets;
    private readonly SourceKeyframeSchedule? _schedule;
    private readonly MediaPool<Packet> _packets;
    private readonly PipelineMetrics? _metrics;
    private readonly string _stream;
    private readonly TimestampNormalizer _normalizer = new();
    private readonly MediaTimeline _timeline;
    private readonly Lock _lock = new();
    private readonly LinkedList<InputSwitch> _switches = new();
    private readonly Dictionary<InputReader, StandbyGop> _standbyGops = [];
    private readonly bool _joinsMidGop;
    private volatile InputReader[] _readers;

    /// <summary>True while the stage reads exactly one input (no backup to fail over to).</summary>
    internal bool HasOneInput => _readers.Length == 1;
    private readonly FailoverStateMachine<InputReader> _machine;
    private long _switchCount;
    private long _gapFrom = -1;
    private long _lastPacketTimestamp;
    private QueueStage<SourcePacket>? _audioTarget;
    private QueueStage<SourcePacket>? _nextAudio;
    private long _nextAudioFrom;

    /// <summary>Creates the stage and its readers; <see cref="Stage.Start"/> starts them.</summary>
    public FailoverIngestStage(
        IReadOnlyList<InputSettings> inputs,
        TimeSpan inputTimeout,
        TimeSpan failbackDelay,
        IReadOnlyList<QueueStage<SourcePacket>> videoTargets,
        QueueStage<SourcePacket>? audioTarget,
        SourceKeyframeSchedule? schedule,
        MediaPool<Packet> packets,
        PipelineMetrics? metrics,
        string stream,
        MediaTimeline timeline,
        ILogger logger,
        TimeProvider? time = null)
        : base(Reload.StageNames.InputSwitch, "ingest", logger)
    {
        _machine = new FailoverStateMachine<InputReader>(time ?? TimeProvider.System, inputTimeout, failbackDelay);
        _videoTargets = videoTargets;
        _audioTarget = audioTarget;
        _schedule = schedule;
        _joinsMidGop = schedule is null; // a passthrough rendition (which the source keyframe schedule serves) copies packets, so it needs a keyframe
        _packets = packets;
        _metrics = metrics;
        _stream = stream;
        _timeline = timeline;
        _readers = [.. inputs.Select((input, priority) => new InputReader(input, priority, this, logger))];
    }

    /// <summary>
    /// When the video decoder last produced a picture (a <see cref="Clock"/> timestamp, 0 before the first), or
    /// null when nothing decodes the video (every rendition passthrough): an active input whose packets yield no
    /// picture for the input timeout plus 3 s is unhealthy (reason <c>error</c>).
    /// </summary>
    public Func<long>? DecodedClock { get; set; }

    /// <summary>One reader per input, in priority order.</summary>
    public IReadOnlyList<InputReader> Readers => _readers;

    /// <summary>
    /// Makes the readers follow <paramref name="inputs"/> (a hot reload): a reader whose input is gone, or named in
    /// <paramref name="restart"/>, stops; a new input, or a restarted one, gets a new reader (started at once); the
    /// others keep running and take their new priority (the position in <paramref name="inputs"/>). When the active
    /// input stops, the best healthy input takes over on the next check, and its timestamps continue the output
    /// timeline.
    /// </summary>
    /// <param name="inputs">The new inputs, in priority order; names are unique.</param>
    /// <param name="restart">Names of inputs whose reader must be replaced (new URL, options or key).</param>
    /// <returns>The readers started and those stopped (stopping in the background), for the metrics.</returns>
    public (IReadOnlyList<InputReader> Started, IReadOnlyList<InputReader> Stopped) Reconfigure(IReadOnlyList<InputSettings> inputs, IReadOnlySet<string> restart)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(restart);
        var started = new List<InputReader>();
        List<InputReader> stopped;
        lock (_lock)
        {
            var current = _readers.ToDictionary(r => r.Settings.Name, StringComparer.Ordinal);
            var readers = new InputReader[inputs.Count];
            for (var priority = 0; priority < inputs.Count; priority++)
            {
                var input = inputs[priority];
                if (current.TryGetValue(input.Name, out var kept) && !restart.Contains(input.Name))
                {
                    kept.Priority = priority;
                    readers[priority] = kept;
                }
                else
                {
                    readers[priority] = new InputReader(input, priority, this, Logger);
                    started.Add(readers[priority]);
                }
            }

            stopped = [.. _readers.Except(readers)];
            _readers = readers;
            foreach (var old in stopped)
            {
                _machine.Forget(old);
                LetGopGo(old);
            }

            foreach (var reader in started)
            {
                reader.Start();
            }
        }

        foreach (var old in stopped)
        {
            old.Cancel();
            _ = old.Ended.ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
        }

        return (started, stopped);
    }

    /// <summary>
    /// Hands the audio to <paramref name="next"/> (a new audio stage) from the first audio packet at or after
    /// <paramref name="from"/> (pipeline ticks, a segment boundary): that packet goes to <paramref name="next"/>, after
    /// the active input's audio format; the current audio stage's queue is completed there, so it drains and ends.
    /// </summary>
    /// <param name="next">The new audio stage, started.</param>
    /// <param name="from">The first presentation time for <paramref name="next"/>; <see cref="long.MinValue"/> for the next packet.</param>
    public void SwitchAudio(QueueStage<SourcePacket> next, long from)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_lock)
        {
            _nextAudio?.CompleteInput(); // an earlier switch that never came: its stage ends unused
            _nextAudio = next;
            _nextAudioFrom = from;
        }
    }

    /// <summary>The name of the input feeding the decoders; null before any input delivered video and while the active one is lost (reconnecting).</summary>
    public string? ActiveInput => _machine.Active is { Session: not null } active ? active.Settings.Name : null;

    /// <summary>The clock of the state machine and of the readers' health (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public TimeProvider Clock => _machine.Time;

    /// <summary>The last <see cref="SwitchHistory"/> switches, newest first.</summary>
    public IReadOnlyList<InputSwitch> Switches
    {
        get
        {
            lock (_lock)
            {
                return [.. _switches];
            }
        }
    }

    /// <summary>Changes the failover timings live (a reload of <c>spec.failover</c>).</summary>
    public void UpdateTimings(TimeSpan inputTimeout, TimeSpan failbackDelay)
    {
        lock (_lock)
        {
            _machine.Timeout = inputTimeout;
            _machine.FailbackDelay = failbackDelay;
        }
    }

    /// <summary>Makes <paramref name="input"/> the active input now (reason <c>manual</c>) and holds it until it fails.</summary>
    /// <returns>False when there is no input of that name.</returns>
    public bool Activate(string input)
    {
        var reader = Readers.FirstOrDefault(r => string.Equals(r.Settings.Name, input, StringComparison.Ordinal));
        if (reader is null)
        {
            return false;
        }

        lock (_lock)
        {
            Record(_machine.Activate(reader));
        }

        return true;
    }

    /// <summary>Seconds each input has been the active one, by input name.</summary>
    public IReadOnlyDictionary<string, double> ActiveSeconds()
    {
        lock (_lock)
        {
            return _machine.ActiveSeconds();
        }
    }

    /// <summary>Each input's health in the admin API's shape, in priority order.</summary>
    public IReadOnlyList<RunnerInputStatus> GetInputs()
    {
        var now = Clock.GetTimestamp();
        TimeSpan timeout;
        InputReader? active;
        lock (_lock)
        {
            timeout = _machine.Timeout;
            active = _machine.Active;
        }

        return [.. Readers.Select(r =>
        {
            var healthy = r.IsHealthy(now, timeout);
            return new RunnerInputStatus
            {
                Name = r.Settings.Name,
                Healthy = healthy,
                Active = r == active,
                LastPacketTime = r.LastPacketTime,
                Bitrate = (long)r.Counters.Bitrate,
                Message = healthy ? null : r.Failure ?? (r.Session is null ? r.Snapshot().Detail : InputProblem.Silent(r.Settings.Name, timeout)),
            };
        })];
    }

    /// <summary>
    /// Called by a reader's thread when it opened a new session (a reconnect, a file's next loop): the session is
    /// announced again and placed on the output timeline from its first keyframe, like a switched-to input, whatever
    /// its timestamps (a 0.5 s file looped steps back less than a timestamp jump, and its format may have changed).
    /// </summary>
    internal void SessionOpened(InputReader reader)
    {
        lock (_lock)
        {
            reader.AnnouncedSwitch = -1;
            LetGopGo(reader); // the new session's parameters may differ
        }
    }

    /// <summary>
    /// Called by a reader's thread for each packet (timestamps in pipeline ticks, not yet normalized): places the
    /// active reader's packet on the output timeline (in place) and hands it on, and says what became of it.
    /// </summary>
    internal ForwardOutcome Forward(InputReader reader, Packet packet, bool isVideo)
    {
        lock (_lock)
        {
            // The primary's first packet: it is the choice, with no wait for the next check (an unpaced file may end before it).
            Record(_machine.TakePrimary(reader));
            if (_machine.Active != reader)
            {
                return StandBy(reader, packet, isVideo);
            }

            InputSessionStreams? starting = null;
            StandbyGop? joined = null;
            if (reader.AnnouncedSwitch != _switchCount)
            {
                if (reader.Session is not { } session)
                {
                    return ForwardOutcome.Standby;
                }

                // A session starts on a video keyframe: the one of the GOP held while the input stood by, so the switch
                // shows the input from its current frame on, or else its next one, and its start time counts the wait for
                // it. The wait may take a whole GOP, longer than the read timeout, so what comes before is not judged.
                joined = isVideo && !packet.IsKeyframe && _standbyGops.GetValueOrDefault(reader) is { HasKeyframe: true } gop ? gop : null;
                if (!isVideo || !(packet.IsKeyframe || joined is not null))
                {
                    return StandBy(reader, packet, isVideo);
                }

                _gapFrom = _normalizer.End;
                _normalizer.BeginSession(EarliestStart(reader), midGop: joined is not null);
                reader.AnnouncedSwitch = _switchCount;
                starting = session;
            }

            if (!_normalizer.Normalize(packet, PipelineTime.TimeBase, isVideo, reader.Settings.IsPaced))
            {
                if (joined is not null)
                {
                    reader.AnnouncedSwitch = -1; // the next video packet joins instead
                    joined.Add(packet);
                }
                else if (starting is not null)
                {
                    Start(reader, starting, null, long.MinValue); // the decoders wait for the keyframe that places the session
                }

                return ForwardOutcome.Unusable;
            }

            if (starting is not null)
            {
                Start(reader, starting, joined, packet.Pts);
            }

            if (isVideo)
            {
                _timeline.Observe(Clock.GetUtcNow(), PipelineTime.ToSeconds(packet.Dts));
            }

            if (_gapFrom >= 0 && _switches.First is { } latest && latest.Value.MediaGapSeconds is null)
            {
                var gap = _gapFrom == 0 ? 0 : PipelineTime.ToSeconds(Math.Max(0, packet.Pts - _gapFrom));
                latest.Value = latest.Value with { MediaGapSeconds = gap };
                _gapFrom = -1;
            }

            _lastPacketTimestamp = Clock.GetTimestamp();
            if (Snapshot().State != StageState.Running || Snapshot().Detail != reader.Settings.Name)
            {
                SetState(StageState.Running, detail: reader.Settings.Name);
            }

            Counters.Record(packet.Size, packet.Pts);
            if (isVideo)
            {
                if (packet.IsKeyframe)
                {
                    _schedule?.Register(packet.Pts);
                }

                foreach (var target in _videoTargets)
                {
                    Dispatch(target, packet);
                }
            }
            else if (_audioTarget is not null)
            {
                if (_nextAudio is { } next && packet.Pts >= _nextAudioFrom)
                {
                    _audioTarget.CompleteInput();
                    _audioTarget = next;
                    _nextAudio = null;
                    if (reader.Session?.Audio is { } audio)
                    {
                        next.Offer(new SourcePacket(null, SourceFormat.Audio(audio)), Stopping, mustDeliver: true);
                    }
                }

                Dispatch(_audioTarget, packet);
            }

            return ForwardOutcome.Delivered;
        }
    }

    /// <inheritdoc />
    protected override void Run()
    {
        SetState(StageState.Starting, detail: "waiting for an input to deliver video");
        foreach (var reader in Readers)
        {
            reader.Start();
        }

        while (!Stopping.WaitHandle.WaitOne(CheckInterval))
        {
            lock (_lock)
            {
                if (_readers.All(r => r.Ended.IsCompleted))
                {
                    SetState(StageState.Stopped, detail: "every input reached its end.");
                    return;
                }

                Record(_machine.Step(_readers, DecodedClock?.Invoke()));
            }
        }

        Stopping.ThrowIfCancellationRequested();
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        foreach (var reader in Readers)
        {
            reader.Cancel();
        }

        foreach (var reader in Readers)
        {
            reader.Join(Timeout.InfiniteTimeSpan);
            reader.Dispose();
        }

        lock (_lock)
        {
            if (_machine.Active is { } active)
            {
                _machine.Forget(active);
            }

            foreach (var gop in _standbyGops.Values)
            {
                gop.Clear();
            }

            _standbyGops.Clear();
        }

        foreach (var target in _videoTargets)
        {
            target.CompleteInput();
        }

        lock (_lock)
        {
            _audioTarget?.CompleteInput();
            _nextAudio?.CompleteInput();
        }
    }

    /// <summary>Counts a switch of the state machine and, unless it was the first choice, keeps it in the history, the metrics and the log (under the lock).</summary>
    private void Record(FailoverSwitch<InputReader>? change)
    {
        if (change is null)
        {
            return;
        }

        _switchCount++;
        if (!change.Recorded)
        {
            return;
        }

        _switches.AddFirst(new InputSwitch(DateTimeOffset.UtcNow, change.From?.Settings.Name, change.To.Settings.Name, change.Reason, change.Message, null));
        while (_switches.Count > SwitchHistory)
        {
            _switches.RemoveLast();
        }

        _metrics?.RecordInputSwitch(_stream, change.Reason);
        PipelineLog.InputSwitched(Logger, change.From?.Settings.Name ?? "(none)", change.To.Settings.Name, change.Reason.ToString(), change.Message ?? "");
    }

    /// <summary>
    /// Announces a new session to the decoders and lets the reader's held GOP go; joining mid-GOP (<paramref name="joined"/>),
    /// feeds them that GOP first, to be shown from <paramref name="showFrom"/> (pipeline ticks, the first packet placed).
    /// </summary>
    private void Start(InputReader reader, InputSessionStreams session, StandbyGop? joined, long showFrom)
    {
        Announce(session, joined is null ? long.MinValue : showFrom);
        if (joined is not null)
        {
            Preroll(joined.Take());
        }

        LetGopGo(reader);
    }

    /// <summary>
    /// Sends the new input's formats through the decoders' queues, ahead of its first packet; the video decoder shows
    /// frames from <paramref name="showFrom"/> on (pipeline ticks; <see cref="long.MinValue"/>: all).
    /// </summary>
    private void Announce(InputSessionStreams session, long showFrom)
    {
        foreach (var target in _videoTargets)
        {
            target.Offer(new SourcePacket(null, SourceFormat.Video(session.Video) with { ShowFrom = showFrom }), Stopping, mustDeliver: true);
        }

        if (session.Audio is { } audio && _audioTarget is not null)
        {
            _audioTarget.Offer(new SourcePacket(null, SourceFormat.Audio(audio)), Stopping, mustDeliver: true);
        }
    }

    /// <summary>
    /// Feeds the decoders the GOP held while the input stood by, from its keyframe, moved onto the output timeline by the
    /// new session's offset: each packet is decoded as a reference, and its picture, before the switch, is not shown.
    /// Nothing may be lost (a missing reference would spoil the GOP), so this waits for room in the queues.
    /// </summary>
    private void Preroll(List<Packet> gop)
    {
        var offset = _normalizer.Offset;
        foreach (var packet in gop)
        {
            packet.Pts = packet.Pts == Timestamp.None ? Timestamp.None : packet.Pts + offset;
            packet.Dts = packet.Dts == Timestamp.None ? Timestamp.None : packet.Dts + offset;
            foreach (var target in _videoTargets)
            {
                var copy = _packets.Rent();
                copy.Ref(packet);
                target.Offer(new SourcePacket(copy, null), Stopping, mustDeliver: true);
            }

            _packets.Return(packet);
        }
    }

    /// <summary>
    /// What becomes of a packet of an input that does not feed the decoders now: its video is held from its latest
    /// keyframe (<see cref="StandbyGop"/>) when a switch may join mid-GOP, so that a switch to it starts at once.
    /// </summary>
    private ForwardOutcome StandBy(InputReader reader, Packet packet, bool isVideo)
    {
        if (_joinsMidGop && isVideo && reader.Session is not null)
        {
            if (!_standbyGops.TryGetValue(reader, out var gop))
            {
                _standbyGops[reader] = gop = new StandbyGop(_packets);
            }

            gop.Add(packet);
        }

        return ForwardOutcome.Standby;
    }

    /// <summary>Lets the GOP held for <paramref name="reader"/> go (back to the packet pool).</summary>
    private void LetGopGo(InputReader reader)
    {
        if (_standbyGops.Remove(reader, out var gop))
        {
            gop.Clear();
        }
    }

    private void Dispatch(QueueStage<SourcePacket> target, Packet packet)
    {
        var copy = _packets.Rent();
        copy.Ref(packet);
        target.Offer(new SourcePacket(copy, null), Stopping);
    }

    /// <summary>
    /// Where a new session may start: after the last packet, and for live or paced inputs not before the wall clock
    /// nor before the end of the output plus the wall time since the last packet (the time the encoders filled by
    /// repeating the last picture meanwhile).
    /// </summary>
    private long EarliestStart(InputReader reader) =>
        !reader.Settings.IsPaced ? 0
        : _lastPacketTimestamp == 0 ? _normalizer.WallClock
        : Math.Max(_normalizer.WallClock, _normalizer.End + PipelineTime.FromSeconds(Clock.GetElapsedTime(_lastPacketTimestamp).TotalSeconds));

    /// <summary>The output timeline's normalizer (its count of untimed video packets explains an input that yields no usable video).</summary>
    internal TimestampNormalizer Normalizer => _normalizer;
}
