using System.Diagnostics.Metrics;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Audio;
using Ladder.Pipeline.Decoding;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
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
/// <para>Inputs: <c>spec.inputs[0]</c> is read (failover to the others comes with the next issue). File inputs take the
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
    private readonly IngestStage _ingest;
    private readonly List<Stage> _stages;
    private readonly IReadOnlyList<Func<TrackStatus>> _renditions;
    private readonly HardwareContext? _hardware;
    private readonly PipelineMetrics _metrics;
    private readonly MediaPool<Packet> _packets;
    private readonly MediaPool<Frame> _frames;
    private int _disposed;

    private LivePipeline(
        PipelineSpec spec, MediaTimeline timeline, IngestStage ingest, List<Stage> stages, IReadOnlyList<Func<TrackStatus>> renditions,
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
    }

    /// <summary>The spec being executed.</summary>
    public PipelineSpec Spec { get; }

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
        if (encoders.Count > 0)
        {
            var decoder = new VideoDecodeStage(encoders, packets, frames, PacketQueue, fullMode, logger);
            videoTargets.Insert(0, decoder);
            stages.Add(decoder);
        }

        stages.AddRange(renditionStages);
        var audio = new AudioStage(spec.Audio, sink, packets, PacketQueue, fullMode, logger);
        stages.Add(audio);
        renditions.Add(audio.GetStatus);
        var ingest = new IngestStage(input, videoTargets, audio, sourceSchedule, packets, logger);
        stages.Insert(0, ingest);
        foreach (var stage in stages)
        {
            metrics.Register(stream, stage);
        }

        // Consumers first, so nothing the ingest offers waits on a thread that has not started.
        foreach (var stage in stages.AsEnumerable().Reverse())
        {
            stage.Start();
        }

        return new LivePipeline(spec, timeline, ingest, stages, renditions, hardware, metrics, packets, frames);
    }

    /// <summary>A snapshot of the input, every stage and every rendition; JSON-serializable.</summary>
    public PipelineStatus GetStatus() => new(
        Spec.Stream.ToString(),
        Spec.Generation,
        _ingest.ActiveInput,
        _stages.Select(Describe).ToList(),
        _renditions.Select(r => r()).ToList());

    /// <summary>
    /// Stops reading the input and drains the pipeline: decoders and encoders flush, their last packets reach the
    /// sink, then every track is removed. When <paramref name="cancellationToken"/> fires first the stages stop at once
    /// without flushing.
    /// </summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    /// <returns>A task that completes when every stage thread has ended.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ingest.Cancel();
        try
        {
            await Task.Run(() => WaitForStages(cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (var stage in _stages)
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

        foreach (var stage in _stages)
        {
            _metrics.Unregister(stage);
            stage.Dispose();
        }

        _hardware?.Dispose();
        _packets.Clear();
        _frames.Clear();
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

    private void WaitForStages(CancellationToken cancellationToken)
    {
        foreach (var stage in _stages)
        {
            while (!stage.Join(TimeSpan.FromMilliseconds(100)))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
