using System.Diagnostics;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Audio;
using Ladder.Pipeline.Decoding;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Ladder.Pipeline.Timing;
using Ladder.Pipeline.Video;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Graph;

/// <summary>
/// The media core of one stream: ingest → one video decode → per-rendition scale/fps/encode threads, plus one audio
/// decode/encode and any passthrough renditions, all writing <see cref="EncodedPacket"/>s to one
/// <see cref="IEncodedPacketSink"/>.
/// </summary>
/// <remarks>
/// <para>Tracks: one per video rendition (id = rendition name, timestamps in 1/90000 s) and one <c>audio</c> (timestamps
/// in 1/sample-rate), announced with <see cref="IEncodedPacketSink.AddTrack"/> when their encoder opens (on the first
/// frame) and removed with <see cref="IEncodedPacketSink.RemoveTrack"/> when the pipeline stops.</para>
/// <para>Timeline: the first video keyframe read is time zero; timestamps stay continuous and monotonic per track
/// across file loops, reconnects and input clock jumps. Encoders never see input timestamps.</para>
/// <para>Keyframes: every transcoded rendition places an IDR on the same presentation times, every
/// <c>spec.video.gopSeconds</c> seconds, or on the source's keyframes when a passthrough rendition is present, and
/// flags that packet <see cref="EncodedPacket.StartsSegment"/>; no other packet is a keyframe.</para>
/// <para>Inputs: every input is read at once (hot standby) by its own reader, which reconnects on failure, under one
/// input switch (<see cref="FailoverIngestStage"/>) that feeds the decoders from one of them, switching on a
/// timeout, an error, a manual activation (<see cref="ActivateInput"/>) or a failback; encoders never restart. File inputs take the
/// runner options <c>re</c> (real-time pacing, default 1) and <c>stream_loop</c> (default 0, -1 forever). A file read
/// unpaced (<c>re=0</c>) applies back-pressure instead of dropping, so every frame is encoded; live and paced inputs
/// never wait on a slow stage: its queue drops and counts.</para>
/// <para>Threads: ingest, video decode, each rendition, and audio each run on their own thread with a bounded queue;
/// frames are shared by reference (<c>av_frame_ref</c>) through pooled <see cref="Frame"/>/<see cref="Packet"/> objects.</para>
/// </remarks>
public sealed class LivePipeline : IAsyncDisposable
{
    private const int PacketQueue = 128;
    /// <summary>
    /// Decoded frames queued per rendition: 167 ms at 24 fps of slack for an encoder that falls behind. Each queued frame
    /// holds a decoded source frame (about 3 MiB at 1080p); an unpaced input keeps the slowest rendition's queue full,
    /// and 8 frames cost 20 MiB more peak RSS in ladder-bench than 4 (bench/Ladder.Bench/README.md, "Memory").
    /// </summary>
    private const int FrameQueue = 4;
    private static readonly TimeSpan DisposeDrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxEncoderBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EncoderHealthyAfter = TimeSpan.FromSeconds(60);
    private readonly FailoverIngestStage _ingest;
    private readonly List<Stage> _stages;
    private readonly List<Stage> _retiring = [];
    private readonly Lock _stagesLock = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private IReadOnlyList<Func<TrackStatus>> _renditions;
    private ReloadContext? _reload;
    private IKeyframeSchedule? _schedule;
    private readonly HardwareContext? _hardware;
    private readonly PipelineMetrics _metrics;
    private readonly MediaPool<Packet> _packets;
    private readonly MediaPool<Frame> _frames;
    private readonly Dictionary<string, int> _encoderFailures = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly NativeHeapTrimmer _trimmer = new();
    private int _disposed;

    private LivePipeline(
        PipelineSpec spec, MediaTimeline timeline, FailoverIngestStage ingest, List<Stage> stages, IReadOnlyList<Func<TrackStatus>> renditions,
        HardwareContext? hardware, PipelineMetrics metrics, MediaPool<Packet> packets, MediaPool<Frame> frames)
    {
        Spec = spec;
        Timeline = timeline;
        _ingest = ingest;
        _stages = stages;
        _renditions = renditions;
        _hardware = hardware;
        _metrics = metrics;
        _packets = packets;
        _frames = frames;
        Completion = Task.WhenAll(stages.Select(s => s.Ended));
    }

    /// <summary>The spec being executed (the latest one applied with <see cref="ApplyAsync"/>).</summary>
    public PipelineSpec Spec { get; private set; }

    /// <summary>The output timeline's wall-clock mapping, as given to <see cref="Start"/>.</summary>
    public MediaTimeline Timeline { get; }

    /// <summary>
    /// Builds the stages for <paramref name="spec"/> and starts their threads; returns at once. Failures after this
    /// (an input that cannot be opened, a missing GPU) show in <see cref="GetStatus"/>, never as exceptions here.
    /// </summary>
    /// <param name="spec">The resolved pipeline spec.</param>
    /// <param name="sink">Receives the tracks and packets; must not block for long.</param>
    /// <param name="timeline">Maps output time zero to wall-clock time, for the packagers.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="metrics">The runner's pipeline instruments; the stages register with it while they run.</param>
    /// <returns>The running pipeline.</returns>
    /// <exception cref="ArgumentException">The spec has no input, no rendition, a non-positive GOP, or an unreadable runner option.</exception>
    public static LivePipeline Start(PipelineSpec spec, IEncodedPacketSink sink, MediaTimeline timeline, ILoggerFactory loggerFactory, PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(metrics);
        if (spec.Inputs.Count == 0 || spec.Video.Renditions.Count == 0 || spec.Video.GopSeconds <= 0)
        {
            throw new ArgumentException("The pipeline needs spec.inputs[0], at least one spec.video.renditions entry and spec.video.gopSeconds > 0.", nameof(spec));
        }

        var logger = loggerFactory.CreateLogger<LivePipeline>();
        if (!TransparentHugePages.DisableForProcess())
        {
            PipelineLog.HugePagesKept(logger);
        }

        var inputs = spec.Inputs.Select(i => InputSettings.From(i, spec.Failover)).ToList();
        var input = inputs[0];
        var fullMode = input.IsFile && !input.Realtime ? QueueFullMode.Wait : QueueFullMode.DropNewestAfterStart;
        var clock = fullMode == QueueFullMode.Wait ? null : TimeProvider.System; // an unpaced file has no wall-clock pace to keep
        var packets = new MediaPool<Packet>(static () => new Packet(), static p => p.Unref(), 512);
        var frames = new MediaPool<Frame>(static () => new Frame(), static f => f.Unref(), 64);
        var hardware = spec.Video.Hardware == HardwareAcceleration.None ? null : new HardwareContext(spec.Video.Hardware);
        var sourceSchedule = spec.Video.Renditions.Any(r => r.Passthrough) ? new SourceKeyframeSchedule() : null;
        IKeyframeSchedule schedule = sourceSchedule ?? (IKeyframeSchedule)new GopKeyframeSchedule(spec.Video.GopSeconds * (long)PipelineTime.Frequency);
        var stream = spec.Stream.ToString();

        var encoders = new List<VideoRenditionStage>();
        var videoTargets = new List<QueueStage<SourcePacket>>();
        var renditionStages = new List<Stage>();
        var renditions = new List<Func<TrackStatus>>();
        foreach (var rendition in spec.Video.Renditions)
        {
            if (rendition.Passthrough)
            {
                var passthrough = new PassthroughStage(rendition, sink, packets, PacketQueue, fullMode, logger);
                videoTargets.Add(passthrough);
                renditionStages.Add(passthrough);
                renditions.Add(passthrough.GetStatus);
            }
            else
            {
                var encoder = new VideoRenditionStage(stream, spec.Video, VideoEncoderFactory.LowLatency(spec), rendition, schedule, sink, frames, hardware, metrics, FrameQueue, fullMode, logger, clock);
                encoders.Add(encoder);
                renditionStages.Add(encoder);
                renditions.Add(encoder.GetStatus);
            }
        }

        var stages = new List<Stage>();
        VideoDecodeStage? decoder = null;
        if (encoders.Count > 0)
        {
            decoder = new VideoDecodeStage(encoders, packets, frames, PacketQueue, fullMode, logger);
            videoTargets.Insert(0, decoder);
            stages.Add(decoder);
        }

        stages.AddRange(renditionStages);
        var audio = new AudioStage(spec.Audio, sink, packets, PacketQueue, fullMode, logger, clock);
        stages.Add(audio);
        renditions.Add(audio.GetStatus);
        var ingest = new FailoverIngestStage(
            inputs, spec.Failover.InputTimeout.Value, spec.Failover.FailbackDelay.Value, videoTargets, audio, sourceSchedule, packets, metrics, stream, timeline, logger);
        stages.Insert(0, ingest);
        foreach (var stage in stages)
        {
            metrics.Register(stream, stage);
        }

        if (decoder is not null)
        {
            ingest.DecodedClock = () => decoder.LastFrameTimestamp;
        }

        metrics.Register(stream, ingest);
        foreach (var reader in ingest.Readers)
        {
            metrics.Register(stream, reader);
        }

        // Consumers first, so nothing the ingest offers waits on a thread that has not started.
        foreach (var stage in stages.AsEnumerable().Reverse())
        {
            stage.Start();
        }

        var pipeline = new LivePipeline(spec, timeline, ingest, stages, renditions, hardware, metrics, packets, frames)
        {
            // Stages a reload starts join a running pipeline: the others must not wait for their warm-up.
            _reload = new ReloadContext(stream, sink, hardware, fullMode == QueueFullMode.Wait ? QueueFullMode.Wait : QueueFullMode.DropNewest, clock, logger, decoder, frames, packets),
            _schedule = schedule,
        };
        foreach (var encoder in encoders)
        {
            pipeline.Supervise(encoder);
        }

        return pipeline;
    }

    /// <summary>
    /// Completes when every stage thread started by <see cref="Start"/> has ended (stages added by
    /// <see cref="ApplyAsync"/> end with the stage that feeds them, shortly after). A file input that does not loop forever (<c>stream_loop</c> 0 or
    /// more) ends the pipeline by itself: once the file was read to its end, every decoder and encoder drained and
    /// every track was removed from the sink, this completes without <see cref="StopAsync"/>. Live inputs and endless
    /// loops complete only after <see cref="StopAsync"/> or <see cref="DisposeAsync"/>. Never faults: a failed stage
    /// shows in <see cref="GetStatus"/>.
    /// </summary>
    public Task Completion { get; }

    /// <summary>A snapshot of the input, every stage and every rendition; JSON-serializable.</summary>
    public PipelineStatus GetStatus() => new(
        Spec.Stream.ToString(),
        Spec.Generation,
        ActiveInput,
        CurrentStages().Concat(_ingest.Readers).Select(Describe).ToList(),
        _renditions.Select(r => r()).ToList(),
        _ingest.GetInputs(),
        _ingest.Switches,
        Timeline.IsAnchored ? Timeline.Origin : null);

    /// <summary>The name of the input feeding the decoders; null while none delivers.</summary>
    public string? ActiveInput => _ingest.ActiveInput;

    /// <summary>The last 20 input switches, newest first.</summary>
    public IReadOnlyList<InputSwitch> InputSwitches => _ingest.Switches;

    /// <summary>
    /// Makes input <paramref name="name"/> the active one now (a manual failover, reason <c>manual</c>); it stays
    /// active until it fails. Only the decoder side changes; encoders keep running.
    /// </summary>
    /// <param name="name">An input name from <c>spec.inputs</c>.</param>
    /// <returns>False when the pipeline has no input of that name; true when it is (now) the active one.</returns>
    public bool ActivateInput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _ingest.Activate(name);
    }

    /// <summary>
    /// Stops reading the input and drains the pipeline: decoders and encoders flush, their last packets reach the
    /// sink, then every track is removed. When <paramref name="cancellationToken"/> fires first the stages stop at once
    /// without flushing.
    /// </summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    /// <returns>A task that completes when every stage thread has ended, after <see cref="Completion"/>.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _ingest.Cancel();
        try
        {
            await Task.Run(() => WaitForStages(cancellationToken), CancellationToken.None).ConfigureAwait(false);
            await Completion.ConfigureAwait(false); // the threads ended; let Completion's continuations settle too
        }
        catch (OperationCanceledException)
        {
            foreach (var stage in CurrentStages())
            {
                stage.Cancel();
            }

            await Task.Run(() => WaitForStages(CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the pipeline (draining for up to 10 s), then releases the hardware device and pooled objects and stops trimming the malloc arenas (<see cref="NativeHeapTrimmer"/>).</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(DisposeDrainTimeout))
        {
            try
            {
                await StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the stages were stopped without flushing
            }
        }

        foreach (var stage in CurrentStages())
        {
            _metrics.Unregister(stage);
            stage.Dispose();
        }

        _metrics.Unregister(_ingest);
        foreach (var reader in _ingest.Readers)
        {
            _metrics.Unregister(reader);
        }

        _hardware?.Dispose();
        _trimmer.Dispose();
        _stopping.Dispose();
        _reloadLock.Dispose();
        _packets.Clear();
        _frames.Clear();
    }

    /// <summary>
    /// Carries out the pipeline's part of <paramref name="plan"/> (from <see cref="ReloadPlanner"/>) with the settings
    /// of <paramref name="next"/>, and nothing else; every stage the plan keeps or updates keeps its instance id.
    /// <list type="bullet">
    /// <item><c>encode/*</c> started, stopped or restarted: on the first segment boundary (a multiple of the segment
    /// duration on the output timeline) at least half a second ahead, a new encoder takes the frames from there and an
    /// old one ends there; a restarted encoder announces the next <see cref="TrackInfo.Version"/>. New encoders follow
    /// <c>spec.video</c> (codec, encoder, preset, GOP), so a change of those, which restarts every encoder, swaps the
    /// whole ladder on one boundary.</item>
    /// <item><c>audio</c> restarted: a new audio stage announcing the next track version takes the audio from the same
    /// boundary; the old one drains.</item>
    /// <item><c>ingest/*</c> started, stopped or restarted, <c>ingest</c> updated: the input switch follows
    /// <c>spec.inputs</c> (readers opened, closed or reopened, priorities) and <c>spec.failover</c>; the decoders and
    /// encoders keep running.</item>
    /// </list>
    /// Outputs (packager, push targets) are not the pipeline's: the caller has them carry out their part.
    /// </summary>
    /// <param name="plan">What to do, from <see cref="ReloadPlanner.Plan(PipelineDiff)"/> for the running spec and <paramref name="next"/>.</param>
    /// <param name="next">The new spec, already validated.</param>
    /// <param name="cancellationToken">Cancels waiting for another reload in progress.</param>
    /// <returns>A task that completes once the new stages run (switch-overs happen later, on the boundary).</returns>
    public async Task ApplyAsync(ReloadPlan plan, PipelineSpec next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(next);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var context = _reload!;
            var boundary = NextSegmentBoundary(next, context.Decoder?.LatestPts ?? long.MinValue);
            ApplyInputs(plan, next);
            ApplyRenditions(plan, next, boundary);
            if (plan.Restarted.Contains(StageNames.Audio))
            {
                ReplaceAudio(next, boundary);
            }

            Spec = next;
            _renditions = OrderRenditions(next);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private static IEnumerable<string> Named(IEnumerable<string> stages, string prefix) =>
        stages.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s[prefix.Length..]);

    private void ApplyRenditions(ReloadPlan plan, PipelineSpec next, long boundary)
    {
        var encode = StageNames.Encode("");
        var (started, stopped, restarted) = (Named(plan.Started, encode).ToList(), Named(plan.Stopped, encode).ToList(), Named(plan.Restarted, encode).ToList());
        if (started.Count + stopped.Count + restarted.Count == 0)
        {
            return;
        }

        var decoder = _reload!.Decoder!;
        if (next.Video.GopSeconds != Spec.Video.GopSeconds && _schedule is GopKeyframeSchedule)
        {
            _schedule = new GopKeyframeSchedule(next.Video.GopSeconds * (long)PipelineTime.Frequency);
        }

        var encoders = CurrentStages().OfType<VideoRenditionStage>().ToDictionary(e => e.Rendition.Name, StringComparer.Ordinal);
        var renditions = next.Video.Renditions.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var name in stopped)
        {
            Retire(decoder, encoders[name], boundary);
        }

        foreach (var name in restarted)
        {
            Replace(decoder, encoders[name], renditions[name], boundary, next);
        }

        foreach (var name in started)
        {
            Launch(decoder, renditions[name], 1, boundary, next);
        }
    }

    private void Launch(VideoDecodeStage decoder, PipelineRendition rendition, int version, long from, PipelineSpec spec)
    {
        var context = _reload!;
        var encoder = new VideoRenditionStage(
            context.Stream, spec.Video, VideoEncoderFactory.LowLatency(spec), rendition, _schedule!, context.Sink, context.Frames, context.Hardware, _metrics, FrameQueue, context.FullMode, context.Logger, context.Clock, version);
        _metrics.Register(context.Stream, encoder);
        lock (_stagesLock)
        {
            _stages.Add(encoder);
        }

        encoder.Start();
        decoder.AddRendition(encoder, from);
        Supervise(encoder);
    }

    /// <summary>
    /// Replaces <paramref name="encoder"/> when it fails while it is still the rendition's encoder (not retired by a
    /// reload, the pipeline not stopping): after 1 s, doubling per failure in a row up to 30 s (a successor that ran
    /// for a minute resets the count), a successor announcing the next track version takes the frames from the next
    /// segment boundary, as a reload's restart does. Meanwhile the rendition falls behind and leaves the master
    /// playlist and the MPD; it returns once the successor catches up.
    /// </summary>
    private void Supervise(VideoRenditionStage encoder)
    {
        var started = Stopwatch.GetTimestamp();
        _ = encoder.Ended.ContinueWith(_ => RestartIfFailedAsync(encoder, Stopwatch.GetElapsedTime(started)), TaskScheduler.Default).Unwrap();
    }

    private async Task RestartIfFailedAsync(VideoRenditionStage failed, TimeSpan ran)
    {
        var name = failed.Rendition.Name;
        if (_stopping.IsCancellationRequested || failed.Snapshot().State != StageState.Failed || !IsCurrent(failed))
        {
            return;
        }

        int failures;
        lock (_encoderFailures)
        {
            failures = _encoderFailures[name] = ran >= EncoderHealthyAfter ? 1 : _encoderFailures.GetValueOrDefault(name) + 1;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - 1), MaxEncoderBackoff.TotalSeconds));
        PipelineLog.EncoderRestarting(_reload!.Logger, name, failures, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            await _reloadLock.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            return; // the pipeline stops
        }

        try
        {
            if (!_stopping.IsCancellationRequested && IsCurrent(failed) && Spec.Video.Renditions.FirstOrDefault(r => r.Name == name) is { } rendition)
            {
                var decoder = _reload.Decoder!;
                Replace(decoder, failed, rendition, NextSegmentBoundary(Spec, decoder.LatestPts), Spec);
            }
        }
        finally
        {
            ReleaseReloadLock();
        }
    }

    private void ReleaseReloadLock()
    {
        try
        {
            _reloadLock.Release();
        }
        catch (ObjectDisposedException)
        {
            // the pipeline was disposed while the successor started; it stopped with everything else
        }
    }

    private bool IsCurrent(Stage stage)
    {
        lock (_stagesLock)
        {
            return _stages.Contains(stage);
        }
    }

    /// <summary>
    /// Hands <paramref name="old"/>'s rendition to a new encoder for <paramref name="rendition"/> from
    /// <paramref name="boundary"/> on, on the same track with the next version; the old one ends there.
    /// </summary>
    private void Replace(VideoDecodeStage decoder, VideoRenditionStage old, PipelineRendition rendition, long boundary, PipelineSpec spec)
    {
        old.KeepTrackOnFinish();
        Launch(decoder, rendition, old.TrackVersion + 1, boundary, spec);
        Retire(decoder, old, boundary);
    }

    private void Retire(VideoDecodeStage decoder, VideoRenditionStage encoder, long until)
    {
        decoder.RetireRendition(encoder, until);
        Retire(encoder);
    }

    /// <summary>Moves <paramref name="stage"/> from the running stages to the retiring ones until its thread ends, then releases it.</summary>
    private void Retire(Stage stage)
    {
        lock (_stagesLock)
        {
            _stages.Remove(stage);
            _retiring.Add(stage);
        }

        _ = stage.Ended.ContinueWith(
            _ =>
            {
                lock (_stagesLock)
                {
                    _retiring.Remove(stage);
                }

                _metrics.Unregister(stage);
                stage.Dispose();
            },
            TaskScheduler.Default);
    }

    private void ReplaceAudio(PipelineSpec next, long boundary)
    {
        var context = _reload!;
        var old = CurrentStages().OfType<AudioStage>().Single();
        old.HandOverAt(boundary);
        var audio = new AudioStage(next.Audio, context.Sink, context.Packets, PacketQueue, context.FullMode, context.Logger, context.Clock, old.TrackVersion + 1);
        _metrics.Register(context.Stream, audio);
        lock (_stagesLock)
        {
            _stages.Add(audio);
        }

        audio.Start();
        _ingest.SwitchAudio(audio, boundary);
        Retire(old);
    }

    private void ApplyInputs(ReloadPlan plan, PipelineSpec next)
    {
        var ingest = StageNames.Ingest("");
        var restart = Named(plan.Restarted, ingest).ToHashSet(StringComparer.Ordinal);
        if (restart.Count == 0 && !Named(plan.Started, ingest).Any() && !Named(plan.Stopped, ingest).Any() && !plan.Updated.Contains(StageNames.InputSwitch))
        {
            return;
        }

        _ingest.UpdateTimings(next.Failover.InputTimeout.Value, next.Failover.FailbackDelay.Value);
        var (started, stopped) = _ingest.Reconfigure([.. next.Inputs.Select(i => InputSettings.From(i, next.Failover))], restart);
        foreach (var reader in stopped)
        {
            _metrics.Unregister(reader);
        }

        foreach (var reader in started)
        {
            _metrics.Register(_reload!.Stream, reader);
        }
    }

    /// <summary>The rendition status readers in the order of <paramref name="spec"/>, then audio.</summary>
    private List<Func<TrackStatus>> OrderRenditions(PipelineSpec spec)
    {
        var stages = CurrentStages();
        var byName = new Dictionary<string, Func<TrackStatus>>(StringComparer.Ordinal);
        foreach (var encoder in stages.OfType<VideoRenditionStage>())
        {
            byName[encoder.Rendition.Name] = encoder.GetStatus;
        }

        foreach (var passthrough in stages.OfType<PassthroughStage>())
        {
            byName[passthrough.Id[StageNames.Encode("").Length..]] = passthrough.GetStatus;
        }

        var ordered = spec.Video.Renditions.Where(r => byName.ContainsKey(r.Name)).Select(r => byName[r.Name]).ToList();
        ordered.AddRange(stages.OfType<AudioStage>().Select(a => (Func<TrackStatus>)a.GetStatus));
        return ordered;
    }

    /// <summary>
    /// The first segment boundary (a multiple of the segment duration on the output timeline, pipeline ticks) at
    /// least half a second after <paramref name="latest"/>, so a new encoder has opened by the time its first frame
    /// comes; <see cref="long.MinValue"/> (start at once) before any frame was decoded.
    /// </summary>
    private static long NextSegmentBoundary(PipelineSpec spec, long latest)
    {
        if (latest == long.MinValue)
        {
            return long.MinValue;
        }

        var seconds = spec.Outputs.Hls.Enabled || !spec.Outputs.Dash.Enabled ? spec.Outputs.Hls.SegmentDuration.Value.TotalSeconds : spec.Outputs.Dash.SegmentDuration.Value.TotalSeconds;
        var segment = Math.Max(1, PipelineTime.FromSeconds(seconds));
        var earliest = latest + (PipelineTime.Frequency / 2);
        return ((earliest / segment) + 1) * segment;
    }

    private static StageStatus Describe(Stage stage)
    {
        var (state, error, detail) = stage.Snapshot();
        var counters = stage.Counters;
        return new StageStatus(
            stage.Id,
            stage.InstanceId,
            stage.Kind,
            state,
            error,
            detail,
            new StageCountersStatus(counters.Items, counters.Bytes, counters.Dropped, stage.QueueDepth, counters.Fps, counters.Bitrate, counters.Speed, counters.MediaSeconds));
    }

    private List<Stage> CurrentStages()
    {
        lock (_stagesLock)
        {
            return [.. _stages];
        }
    }

    private void WaitForStages(CancellationToken cancellationToken)
    {
        List<Stage> all;
        lock (_stagesLock)
        {
            all = [.. _stages, .. _retiring];
        }

        foreach (var stage in all)
        {
            while (!stage.Join(TimeSpan.FromMilliseconds(100)))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
