using System.Diagnostics.Metrics;
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
/// <para>Inputs: a single input is read by one ingest stage that reconnects on failure. Several inputs are read at once
/// (hot standby) by a <see cref="FailoverIngestStage"/> that feeds the decoders from one of them, switching on a
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
    private const int FrameQueue = 8;
    private static readonly TimeSpan DisposeDrainTimeout = TimeSpan.FromSeconds(10);
    private readonly Stage _ingest;
    private readonly FailoverIngestStage? _failover;
    private readonly List<Stage> _stages;
    private readonly List<Stage> _retiring = [];
    private readonly Lock _stagesLock = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private IReadOnlyList<Func<TrackStatus>> _renditions;
    private ReloadContext? _reload;
    private readonly HardwareContext? _hardware;
    private readonly PipelineMetrics _metrics;
    private readonly MediaPool<Packet> _packets;
    private readonly MediaPool<Frame> _frames;
    private int _disposed;

    private LivePipeline(
        PipelineSpec spec, MediaTimeline timeline, Stage ingest, List<Stage> stages, IReadOnlyList<Func<TrackStatus>> renditions,
        HardwareContext? hardware, PipelineMetrics metrics, MediaPool<Packet> packets, MediaPool<Frame> frames)
    {
        Spec = spec;
        Timeline = timeline;
        _ingest = ingest;
        _failover = ingest as FailoverIngestStage;
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
    /// <param name="meterFactory">Creates the <see cref="PipelineMetrics.MeterName"/> meter.</param>
    /// <returns>The running pipeline.</returns>
    /// <exception cref="ArgumentException">The spec has no input, no rendition, a non-positive GOP, or an unreadable runner option.</exception>
    public static LivePipeline Start(PipelineSpec spec, IEncodedPacketSink sink, MediaTimeline timeline, ILoggerFactory loggerFactory, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(meterFactory);
        if (spec.Inputs.Count == 0 || spec.Video.Renditions.Count == 0 || spec.Video.GopSeconds <= 0)
        {
            throw new ArgumentException("The pipeline needs spec.inputs[0], at least one spec.video.renditions entry and spec.video.gopSeconds > 0.", nameof(spec));
        }

        var input = InputSettings.From(spec.Inputs[0], spec.Failover);
        var fullMode = input.IsFile && !input.Realtime ? QueueFullMode.Wait : QueueFullMode.DropNewest;
        var logger = loggerFactory.CreateLogger<LivePipeline>();
        var packets = new MediaPool<Packet>(static () => new Packet(), static p => p.Unref(), 512);
        var frames = new MediaPool<Frame>(static () => new Frame(), static f => f.Unref(), 64);
        var metrics = new PipelineMetrics(meterFactory);
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
                var encoder = new VideoRenditionStage(stream, spec.Video, rendition, schedule, sink, frames, hardware, metrics, FrameQueue, fullMode, logger);
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
        var audio = new AudioStage(spec.Audio, sink, packets, PacketQueue, fullMode, logger);
        stages.Add(audio);
        renditions.Add(audio.GetStatus);
        Stage ingest = spec.Inputs.Count == 1
            ? new IngestStage(input, videoTargets, audio, sourceSchedule, packets, logger)
            : new FailoverIngestStage(
                [.. spec.Inputs.Select(i => InputSettings.From(i, spec.Failover))], spec.Failover.InputTimeout.Value, spec.Failover.FailbackDelay.Value,
                videoTargets, audio, sourceSchedule, packets, metrics, stream, logger);
        stages.Insert(0, ingest);
        foreach (var stage in stages)
        {
            metrics.Register(stream, stage);
        }

        if (ingest is FailoverIngestStage failover)
        {
            if (decoder is not null)
            {
                failover.DecodedClock = () => decoder.LastFrameTimestamp;
            }

            metrics.Register(stream, failover);
            foreach (var reader in failover.Readers)
            {
                metrics.Register(stream, reader);
            }
        }

        // Consumers first, so nothing the ingest offers waits on a thread that has not started.
        foreach (var stage in stages.AsEnumerable().Reverse())
        {
            stage.Start();
        }

        return new LivePipeline(spec, timeline, ingest, stages, renditions, hardware, metrics, packets, frames)
        {
            _reload = new ReloadContext(stream, sink, schedule, hardware, fullMode, logger, decoder, frames),
        };
    }

    /// <summary>
    /// Completes when every stage thread started by <see cref="Start"/> has ended (encoders added by
    /// <see cref="ApplyAsync"/> end with the decoder that feeds them, shortly after). A file input that does not loop forever (<c>stream_loop</c> 0 or
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
        CurrentStages().Concat(_failover?.Readers ?? []).Select(Describe).ToList(),
        _renditions.Select(r => r()).ToList(),
        _failover?.GetInputs(),
        _failover?.Switches);

    /// <summary>The name of the input feeding the decoders; null while none delivers.</summary>
    public string? ActiveInput => _failover?.ActiveInput ?? (_ingest as IngestStage)?.ActiveInput;

    /// <summary>The last 20 input switches, newest first (empty for a single input).</summary>
    public IReadOnlyList<InputSwitch> InputSwitches => _failover?.Switches ?? [];

    /// <summary>
    /// Makes input <paramref name="name"/> the active one now (a manual failover, reason <c>manual</c>); it stays
    /// active until it fails. Only the decoder side changes; encoders keep running.
    /// </summary>
    /// <param name="name">An input name from <c>spec.inputs</c>.</param>
    /// <returns>False when the pipeline has no input of that name; true when it is (now) the active one.</returns>
    public bool ActivateInput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _failover?.Activate(name) ?? (Spec.Inputs.Count == 1 && string.Equals(Spec.Inputs[0].Name, name, StringComparison.Ordinal));
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

    /// <summary>Stops the pipeline (draining for up to 10 s), then releases the hardware device and pooled objects.</summary>
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

        if (_failover is not null)
        {
            _metrics.Unregister(_failover);
            foreach (var reader in _failover.Readers)
            {
                _metrics.Unregister(reader);
            }
        }

        _hardware?.Dispose();
        _reloadLock.Dispose();
        _packets.Clear();
        _frames.Clear();
    }

    /// <summary>
    /// Applies <paramref name="next"/> to the running pipeline by diff (<see cref="PipelineDiff"/>,
    /// <see cref="ReloadPlanner"/>), touching only the stages the plan names; every other stage keeps running with its
    /// instance id. Applied live: renditions added, removed or changed (a changed rendition gets a new encoder that
    /// announces the next <see cref="TrackInfo.Version"/>; new and old encoders switch on the next segment boundary,
    /// <c>outputs.hls.segmentDuration</c> (or DASH's) on the output timeline, so the playlists stay aligned), the ladder's
    /// order, and with several inputs an input's new URL/options (only that input reopens) and the failover timings.
    /// Outputs (packager, push targets) are not the pipeline's: the caller applies them.
    /// </summary>
    /// <param name="next">The new spec, already validated.</param>
    /// <param name="cancellationToken">Cancels waiting for another reload in progress.</param>
    /// <returns>The plan as applied, with <see cref="ReloadPlan.AppliedAt"/> set.</returns>
    /// <exception cref="NotSupportedException">The change needs a full restart (topology, audio, inputs added, removed or reordered, a single input changed); nothing was applied.</exception>
    public async Task<ReloadPlan> ApplyAsync(PipelineSpec next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var diff = PipelineDiff.Compute(Spec, next);
            var reason = WhyNotLive(diff);
            if (reason is not null)
            {
                throw new NotSupportedException(reason);
            }

            var plan = ReloadPlanner.Plan(diff);
            ApplyRenditions(diff);
            ApplyInputs(diff);
            Spec = next;
            _renditions = OrderRenditions(next);
            return plan with { AppliedAt = DateTimeOffset.UtcNow };
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Why <paramref name="diff"/> cannot be applied to this pipeline without a full restart; null when it can.</summary>
    private string? WhyNotLive(PipelineDiff diff)
    {
        if (diff.RequiresFullRestart)
        {
            return "changed " + string.Join(", ", diff.Topology) + ": the whole pipeline restarts.";
        }

        if (diff.AudioChanged)
        {
            return "audio settings changed: the pipeline restarts.";
        }

        if (diff.Inputs.Added.Count > 0 || diff.Inputs.Removed.Count > 0 || diff.InputOrderChanged)
        {
            return "inputs were added, removed or reordered: the pipeline restarts.";
        }

        if (_failover is null && (!diff.Inputs.IsEmpty || diff.FailoverChanged))
        {
            return "the single input changed: the pipeline restarts.";
        }

        var passthrough = diff.Previous.Video.Renditions.Concat(diff.Next.Video.Renditions).Where(r => r.Passthrough).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var touched = diff.Renditions.Added.Concat(diff.Renditions.Removed).Concat(diff.Renditions.Changed);
        if (touched.Any(passthrough.Contains))
        {
            return "a passthrough rendition changed: the pipeline restarts.";
        }

        if (!diff.Renditions.IsEmpty && (_reload?.Decoder is null || diff.Next.Video.Renditions.All(r => r.Passthrough)))
        {
            return "the set of transcoded renditions changed from or to none: the pipeline restarts.";
        }

        return null;
    }

    private void ApplyRenditions(PipelineDiff diff)
    {
        if (diff.Renditions.IsEmpty)
        {
            return;
        }

        var context = _reload!;
        var decoder = context.Decoder!;
        var boundary = NextSegmentBoundary(diff.Next, decoder.LatestPts);
        var encoders = CurrentStages().OfType<VideoRenditionStage>().ToDictionary(e => e.Rendition.Name, StringComparer.Ordinal);
        var renditions = diff.Next.Video.Renditions.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var name in diff.Renditions.Removed)
        {
            Retire(decoder, encoders[name], boundary);
        }

        foreach (var name in diff.Renditions.Changed)
        {
            var old = encoders[name];
            old.KeepTrackOnFinish();
            Launch(decoder, renditions[name], old.TrackVersion + 1, boundary, diff.Next);
            Retire(decoder, old, boundary);
        }

        foreach (var name in diff.Renditions.Added)
        {
            Launch(decoder, renditions[name], 1, boundary, diff.Next);
        }
    }

    private void Launch(VideoDecodeStage decoder, PipelineRendition rendition, int version, long from, PipelineSpec spec)
    {
        var context = _reload!;
        var encoder = new VideoRenditionStage(
            context.Stream, spec.Video, rendition, context.Schedule, context.Sink, context.Frames, context.Hardware, _metrics, FrameQueue, context.FullMode, context.Logger, version);
        _metrics.Register(context.Stream, encoder);
        lock (_stagesLock)
        {
            _stages.Add(encoder);
        }

        encoder.Start();
        decoder.AddRendition(encoder, from);
    }

    private void Retire(VideoDecodeStage decoder, VideoRenditionStage encoder, long until)
    {
        lock (_stagesLock)
        {
            _stages.Remove(encoder);
            _retiring.Add(encoder);
        }

        decoder.RetireRendition(encoder, until);
        _ = encoder.Ended.ContinueWith(
            _ =>
            {
                lock (_stagesLock)
                {
                    _retiring.Remove(encoder);
                }

                _metrics.Unregister(encoder);
                encoder.Dispose();
            },
            TaskScheduler.Default);
    }

    private void ApplyInputs(PipelineDiff diff)
    {
        if (_failover is null)
        {
            return;
        }

        if (diff.FailoverChanged)
        {
            _failover.UpdateTimings(diff.Next.Failover.InputTimeout.Value, diff.Next.Failover.FailbackDelay.Value);
        }

        foreach (var name in diff.Inputs.Changed)
        {
            var old = _failover.Readers.First(r => string.Equals(r.Settings.Name, name, StringComparison.Ordinal));
            var input = diff.Next.Inputs.First(i => string.Equals(i.Name, name, StringComparison.Ordinal));
            if (_failover.ReplaceInput(InputSettings.From(input, diff.Next.Failover)) is { } replacement)
            {
                _metrics.Unregister(old);
                _metrics.Register(_reload!.Stream, replacement);
            }
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
            byName[passthrough.Id["passthrough/".Length..]] = passthrough.GetStatus;
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
