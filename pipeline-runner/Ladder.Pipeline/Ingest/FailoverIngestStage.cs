using System.Diagnostics;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// The pipeline's frame source when <c>spec.inputs</c> lists several inputs: one <see cref="InputReader"/> per input,
/// all kept open (hot standby), and a state machine on this stage's thread that picks which one feeds the decoders.
/// Only the decoder side changes on a switch: the new input's <see cref="SourceFormat"/> goes through the decoders'
/// queues (they recreate their decoder there), its timestamps continue the output timeline through the shared
/// <see cref="TimestampNormalizer"/> (starting on its next keyframe), and the encoders, whose scalers rebuild on a new
/// frame size, never restart.
/// </summary>
/// <remarks>
/// <para>Health: an input is healthy while open and its last video packet is younger than
/// <c>spec.failover.inputTimeout</c>; an open/read error, a stream without video, silence, or video that decodes to no
/// picture for the timeout plus 3 s (see <see cref="DecodedClock"/>) makes it unhealthy.</para>
/// <para>Selection, checked every 20 ms: the first healthy input in priority order is chosen at start; when the active
/// input turns unhealthy the highest-priority healthy one takes over (reason <c>timeout</c> or <c>error</c>); a
/// higher-priority input that has been healthy for <c>spec.failover.failbackDelay</c> takes back over (reason
/// <c>failback</c>); <see cref="Activate"/> switches at once (reason <c>manual</c>) and holds that input until it
/// fails. The last 20 switches are kept, with the media time each one lost.</para>
/// </remarks>
internal sealed class FailoverIngestStage : Stage
{
    /// <summary>How many switches <see cref="Switches"/> keeps.</summary>
    public const int SwitchHistory = 20;
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Time after a switch, beyond the input timeout, for the first keyframe to arrive and decode.</summary>
    private static readonly TimeSpan DecodeGrace = TimeSpan.FromSeconds(3);
    private readonly IReadOnlyList<QueueStage<SourcePacket>> _videoTargets;
    private readonly QueueStage<SourcePacket>? _audioTarget;
    private readonly SourceKeyframeSchedule? _schedule;
    private readonly MediaPool<Packet> _packets;
    private readonly PipelineMetrics? _metrics;
    private readonly string _stream;
    private readonly TimestampNormalizer _normalizer = new();
    private readonly Lock _lock = new();
    private readonly LinkedList<InputSwitch> _switches = new();
    private readonly Dictionary<string, double> _activeSeconds = new(StringComparer.Ordinal);
    private volatile InputReader[] _readers;
    private InputReader? _active;
    private InputReader? _pinned;
    private long _activeSince;
    private long _switchCount;
    private long _gapFrom = -1;
    private TimeSpan _timeout;
    private TimeSpan _failbackDelay;

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
        ILogger logger)
        : base("ingest", "ingest", logger)
    {
        _timeout = inputTimeout;
        _failbackDelay = failbackDelay;
        _videoTargets = videoTargets;
        _audioTarget = audioTarget;
        _schedule = schedule;
        _packets = packets;
        _metrics = metrics;
        _stream = stream;
        _readers = [.. inputs.Select((input, priority) => new InputReader(input, priority, this, logger))];
    }

    /// <summary>
    /// When the video decoder last produced a picture (a <see cref="Stopwatch"/> timestamp, 0 before the first), or
    /// null when nothing decodes the video (every rendition passthrough): an active input whose packets yield no
    /// picture for the input timeout plus 3 s is unhealthy (reason <c>error</c>).
    /// </summary>
    public Func<long>? DecodedClock { get; set; }

    /// <summary>One reader per input, in priority order.</summary>
    public IReadOnlyList<InputReader> Readers => _readers;

    /// <summary>
    /// Reopens one input with new settings (a hot reload that changed its URL, options or key): a new reader replaces
    /// the old one at the same priority; the other inputs and the active one, unless it is this one, are untouched.
    /// When the replaced input was active, the best healthy input takes over at once.
    /// </summary>
    /// <param name="settings">The input's new settings; <see cref="InputSettings.Name"/> names the input to replace.</param>
    /// <returns>The new reader (already started), or null when there is no input of that name.</returns>
    public InputReader? ReplaceInput(InputSettings settings)
    {
        InputReader old;
        InputReader replacement;
        lock (_lock)
        {
            var index = Array.FindIndex(_readers, r => string.Equals(r.Settings.Name, settings.Name, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            old = _readers[index];
            replacement = new InputReader(settings, old.Priority, this, Logger);
            var readers = (InputReader[])_readers.Clone();
            readers[index] = replacement;
            _readers = readers;
            if (_active == old)
            {
                _activeSeconds[old.Settings.Name] = _activeSeconds.GetValueOrDefault(old.Settings.Name) + Stopwatch.GetElapsedTime(_activeSince).TotalSeconds;
                _active = null;
            }

            if (_pinned == old)
            {
                _pinned = null;
            }

            replacement.Start();
        }

        old.Cancel();
        _ = old.Ended.ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
        return replacement;
    }

    /// <summary>The name of the input feeding the decoders; null before any input delivered video.</summary>
    public string? ActiveInput => _active?.Settings.Name;

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
            _timeout = inputTimeout;
            _failbackDelay = failbackDelay;
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
            _pinned = reader;
            if (_active != reader)
            {
                SwitchTo(reader, FailoverReason.Manual, "activated through the admin API", Stopwatch.GetTimestamp());
            }
        }

        return true;
    }

    /// <summary>Seconds each input has been the active one, by input name.</summary>
    public IReadOnlyDictionary<string, double> ActiveSeconds()
    {
        lock (_lock)
        {
            var totals = new Dictionary<string, double>(_activeSeconds, StringComparer.Ordinal);
            if (_active is { } active)
            {
                totals[active.Settings.Name] = totals.GetValueOrDefault(active.Settings.Name) + Stopwatch.GetElapsedTime(_activeSince).TotalSeconds;
            }

            return totals;
        }
    }

    /// <summary>Each input's health in the admin API's shape, in priority order.</summary>
    public IReadOnlyList<RunnerInputStatus> GetInputs()
    {
        var now = Stopwatch.GetTimestamp();
        TimeSpan timeout;
        lock (_lock)
        {
            timeout = _timeout;
        }

        return [.. Readers.Select(r =>
        {
            var healthy = r.IsHealthy(now, timeout);
            return new RunnerInputStatus
            {
                Name = r.Settings.Name,
                Healthy = healthy,
                Active = r == _active,
                LastPacketTime = r.LastPacketTime,
                Bitrate = (long)r.Counters.Bitrate,
                Message = healthy ? null : r.Failure ?? r.Snapshot().Detail,
            };
        })];
    }

    /// <summary>Called by a reader's thread for each packet (timestamps in pipeline ticks, not yet normalized).</summary>
    internal void Forward(InputReader reader, Packet packet, bool isVideo)
    {
        lock (_lock)
        {
            if (_active != reader)
            {
                return;
            }

            if (reader.AnnouncedSwitch != _switchCount)
            {
                if (reader.Session is not { } session)
                {
                    return;
                }

                Announce(session);
                _gapFrom = _normalizer.End;
                _normalizer.BeginSession(EarliestStart(reader));
                reader.AnnouncedSwitch = _switchCount;
            }

            if (!_normalizer.Normalize(packet, PipelineTime.TimeBase, isVideo, IsPaced(reader)))
            {
                return;
            }

            if (_gapFrom >= 0 && _switches.First is { } latest && latest.Value.MediaGapSeconds is null)
            {
                var gap = _gapFrom == 0 ? 0 : PipelineTime.ToSeconds(Math.Max(0, packet.Pts - _gapFrom));
                latest.Value = latest.Value with { MediaGapSeconds = gap };
                _gapFrom = -1;
            }

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
                Dispatch(_audioTarget, packet);
            }
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
                Select(Stopwatch.GetTimestamp());
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
            _active = null;
        }

        foreach (var target in _videoTargets)
        {
            target.CompleteInput();
        }

        _audioTarget?.CompleteInput();
    }

    /// <summary>The state machine's step (under the lock).</summary>
    private void Select(long now)
    {
        if (_active is { } current && DecodedClock is { } decoded && current.IsHealthy(now, _timeout)
            && Stopwatch.GetElapsedTime(Math.Max(_activeSince, decoded()), now) > _timeout + DecodeGrace)
        {
            current.MarkUndecodable($"input '{current.Settings.Name}' delivers video that decodes to no picture.");
        }

        var healthy = Readers.Where(r => r.IsHealthy(now, _timeout)).ToList();
        if (_active is null)
        {
            if (healthy.Count > 0)
            {
                SwitchTo(healthy[0], FailoverReason.Failback, null, now, record: false);
            }

            return;
        }

        if (!healthy.Contains(_active))
        {
            if (_pinned == _active)
            {
                _pinned = null;
            }

            if (healthy.Count > 0)
            {
                var lost = _active;
                SwitchTo(healthy[0], lost.FailureReason, lost.Failure ?? $"no video from input '{lost.Settings.Name}' for {_timeout.TotalSeconds:0.###} s (spec.failover.inputTimeout).", now);
            }

            return;
        }

        if (_pinned is null && healthy.FirstOrDefault(r => r.Priority < _active.Priority && r.HealthyFor(now) >= _failbackDelay) is { } better)
        {
            SwitchTo(better, FailoverReason.Failback, $"input '{better.Settings.Name}' healthy for {_failbackDelay.TotalSeconds:0.###} s (spec.failover.failbackDelay).", now);
        }
    }

    private void SwitchTo(InputReader next, FailoverReason reason, string? message, long now, bool record = true)
    {
        var previous = _active;
        if (previous is not null)
        {
            _activeSeconds[previous.Settings.Name] = _activeSeconds.GetValueOrDefault(previous.Settings.Name) + Stopwatch.GetElapsedTime(_activeSince, now).TotalSeconds;
        }

        _active = next;
        _activeSince = now;
        _switchCount++;
        if (!record)
        {
            return;
        }

        _switches.AddFirst(new InputSwitch(DateTimeOffset.UtcNow, previous?.Settings.Name, next.Settings.Name, reason, message, null));
        while (_switches.Count > SwitchHistory)
        {
            _switches.RemoveLast();
        }

        _metrics?.RecordInputSwitch(_stream, reason);
        PipelineLog.InputSwitched(Logger, previous?.Settings.Name ?? "(none)", next.Settings.Name, reason.ToString(), message ?? "");
    }

    /// <summary>Sends the new input's formats through the decoders' queues, ahead of its first packet.</summary>
    private void Announce(InputSessionStreams session)
    {
        foreach (var target in _videoTargets)
        {
            target.Offer(new SourcePacket(null, SourceFormat.Video(session.Video)), Stopping, mustDeliver: true);
        }

        if (session.Audio is { } audio && _audioTarget is not null)
        {
            _audioTarget.Offer(new SourcePacket(null, SourceFormat.Audio(audio)), Stopping, mustDeliver: true);
        }
    }

    private void Dispatch(QueueStage<SourcePacket> target, Packet packet)
    {
        var copy = _packets.Rent();
        copy.Ref(packet);
        target.Offer(new SourcePacket(copy, null), Stopping);
    }

    /// <summary>Where a new session may start: after the last packet, and for live or paced inputs not before the wall clock.</summary>
    private long EarliestStart(InputReader reader) => IsPaced(reader) ? _normalizer.WallClock : 0;

    /// <summary>Whether the input is held to the wall clock: live, or a file paced in real time.</summary>
    private static bool IsPaced(InputReader reader) => !reader.Settings.IsFile || reader.Settings.Realtime;
}
