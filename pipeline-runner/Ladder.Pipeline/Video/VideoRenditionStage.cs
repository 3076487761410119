using System.Diagnostics;
using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Decoding;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Ladder.Pipeline.Video;

/// <summary>
/// One transcoded rendition on its own thread: a filter graph (<c>scale</c> to the rendition's size, <c>fps</c> to its
/// frame rate, <c>format</c> to the encoder's pixel format), keyframes forced onto the pipeline's schedule
/// (<c>pict_type = I</c> on the first frame at each boundary, <see cref="PictureType.None"/> on every other frame so
/// the source's picture types never leak through), then the encoder, whose packets go to the sink on the track named
/// after the rendition with timestamps in 1/90000 s. The encoder opens on the first frame and stays open for the
/// pipeline's life: when the source's size or format changes (a reconnect, later a failover) only the filter graph
/// is rebuilt. Hardware encoders get each frame uploaded to the pipeline's device. On a live or paced input, when no
/// frame comes for one frame interval past the time the next was due (a reconnect, a changed input, an outage before
/// failover), the encoder gets repeats of the last picture at its frame rate, paced by the wall clock
/// (<see cref="GapFiller"/>), so output time and segments never stop; the frames that come back start after the last
/// repeat (earlier ones are dropped), so timestamps stay continuous.
/// </summary>
internal sealed class VideoRenditionStage : QueueStage<DecodedFrame>
{
    private readonly PipelineVideo _video;
    private readonly bool _lowLatency;
    private readonly PipelineRendition _rendition;
    private readonly IKeyframeSchedule _schedule;
    private readonly bool _scheduleFollowsSource;
    private readonly IEncodedPacketSink _sink;
    private readonly MediaPool<Frame> _frames;
    private readonly HardwareContext? _hardware;
    private readonly int _threads;
    private readonly Histogram.Child _encodeLatency;
    private readonly Frame _filtered = new();
    private readonly Frame _upload = new();
    private readonly Packet _packet = new();
    private FilterGraph? _graph;
    private (int Width, int Height, PixelFormat Format) _graphInput;
    private Rational _frameRate;
    private (int Width, int Height) _size;
    private Encoder? _encoder;
    private HardwareFrames? _hardwareFrames;
    private TrackInfo? _track;
    private long _cursor = long.MinValue;
    private long _tolerance;
    private long _keyframes;
    private readonly Frame _held = new();
    private readonly Frame _duplicate = new();
    private long _lastTicks = long.MinValue;
    private readonly int _trackVersion;
    private readonly TimeProvider? _clock;
    private GapFiller? _repeats;
    private volatile bool _keepTrack;

    /// <summary>
    /// Creates the stage for <paramref name="rendition"/>; <paramref name="clock"/> paces repeats of the last picture
    /// while no frame comes (null for an unpaced file input: no repeats); <paramref name="lowLatency"/> opens the encoder
    /// for low-latency output (<see cref="VideoEncoderFactory.LowLatency"/>).
    /// </summary>
    public VideoRenditionStage(
        string stream,
        PipelineVideo video,
        bool lowLatency,
        PipelineRendition rendition,
        IKeyframeSchedule schedule,
        IEncodedPacketSink sink,
        MediaPool<Frame> frames,
        HardwareContext? hardware,
        PipelineMetrics metrics,
        int capacity,
        QueueFullMode fullMode,
        ILogger logger,
        TimeProvider? clock,
        int trackVersion = 1)
        : base(Reload.StageNames.Encode(rendition.Name), "encode", logger, capacity, fullMode)
    {
        _trackVersion = trackVersion;
        _clock = clock;
        _video = video;
        _lowLatency = lowLatency;
        _rendition = rendition;
        _schedule = schedule;
        _scheduleFollowsSource = schedule is SourceKeyframeSchedule;
        _sink = sink;
        _frames = frames;
        _hardware = hardware;
        _encodeLatency = metrics.EncodeLatency(stream, rendition.Name);
        _threads = VideoEncoderFactory.EncoderThreads(rendition, video.Renditions.Where(r => !r.Passthrough).ToList(), Environment.ProcessorCount);
    }

    /// <summary>The rendition this stage encodes.</summary>
    public PipelineRendition Rendition => _rendition;

    /// <summary>The <see cref="TrackInfo.Version"/> this stage announces (a restarted encoder announces one more than the one it replaces).</summary>
    public int TrackVersion => _trackVersion;

    /// <summary>Leaves the track announced when the stage ends: its replacement (a new version) continues it.</summary>
    public void KeepTrackOnFinish() => _keepTrack = true;

    /// <summary>The rendition's output figures.</summary>
    public TrackStatus GetStatus() => new(
        _rendition.Name, false, _track?.Parameters.CodecName, _size.Width, _size.Height, _frameRate.IsValid ? _frameRate.ToDouble() : 0,
        Counters.Items, Interlocked.Read(ref _keyframes), Counters.Bitrate, Counters.MediaSeconds);

    /// <inheritdoc />
    protected override void Process(DecodedFrame item)
    {
        try
        {
            EnsureGraph(item.Frame, item.SourceFrameRate);
            _graph!.SendFrame(item.Frame);
        }
        finally
        {
            _frames.Return(item.Frame);
        }

        PullFiltered();
    }

    /// <inheritdoc />
    protected override void Release(DecodedFrame item) => _frames.Return(item.Frame);

    /// <inheritdoc />
    protected override TimeSpan Idle(TimeSpan poll)
    {
        if (_repeats is not { } repeats)
        {
            return poll;
        }

        while (repeats.TryNext(out var pts))
        {
            var ticks = Rational.Rescale(pts, repeats.TimeBase, PipelineTime.TimeBase);
            _duplicate.Unref();
            _duplicate.Ref(_held);
            EncodeAt(_encoder!, _duplicate, ticks);
            _lastTicks = ticks;
        }

        return repeats.Wait(poll);
    }

    /// <inheritdoc />
    protected override void Drain()
    {
        FlushGraph();
        if (_encoder is not null)
        {
            _encoder.SendFrame(null);
            ReceivePackets();
        }
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        base.Finish();
        if (_track is not null)
        {
            if (!_keepTrack && Snapshot().State != StageState.Failed)
            {
                _sink.RemoveTrack(_track.Id); // a failed encoder's track stays: the pipeline starts its successor on it
            }

            _track.Parameters.Dispose();
        }

        _graph?.Dispose();
        _encoder?.Dispose();
        _hardwareFrames?.Dispose();
        _filtered.Dispose();
        _held.Dispose();
        _duplicate.Dispose();
        _upload.Dispose();
        _packet.Dispose();
    }

    private void EnsureGraph(Frame frame, Rational sourceFrameRate)
    {
        var input = (frame.Width, frame.Height, frame.PixelFormat);
        if (_graph is not null && input == _graphInput)
        {
            return;
        }

        FlushGraph();
        _graph?.Dispose();
        _graph = null;
        if (!_frameRate.IsValid)
        {
            _frameRate = _rendition.Fps is { } fps ? FrameRates.FromDouble(fps) : sourceFrameRate.IsValid ? sourceFrameRate : new Rational(25, 1);
            _tolerance = PipelineTime.Frequency * (long)_frameRate.Denominator / (2L * _frameRate.Numerator);
        }

        var size = _size.Width > 0
            ? $"{_size.Width}:{_size.Height}"
            : $"{Dimension(_rendition.Width)}:{Dimension(_rendition.Height)}";
        var format = VideoEncoderFactory.SoftwareFormat(_video.Hardware);
        var filters = $"scale={size}:flags=bicubic,setsar=1,fps={_frameRate},format={format.Name}";
        _graph = FilterGraph.CreateVideo(filters, new VideoFilterInput
        {
            Width = frame.Width,
            Height = frame.Height,
            PixelFormat = frame.PixelFormat,
            TimeBase = PipelineTime.TimeBase,
            FrameRate = sourceFrameRate.IsValid ? sourceFrameRate : null,
        });
        _graphInput = input;
        _size = (_graph.OutputWidth, _graph.OutputHeight);
        SetState(StageState.Running, detail: string.Create(CultureInfo.InvariantCulture, $"{frame.Width}x{frame.Height} {frame.PixelFormat} -> {_size.Width}x{_size.Height} at {_frameRate.ToDouble():0.###} fps with {_video.Encoder}"));
    }

    private static string Dimension(int? pixels) => pixels is { } value ? value.ToString(CultureInfo.InvariantCulture) : "-2";

    private void FlushGraph()
    {
        if (_graph is null)
        {
            return;
        }

        _graph.SendFrame(null);
        PullFiltered();
    }

    private void PullFiltered()
    {
        while (_graph!.ReceiveFrame(_filtered) == CodecResult.Ok)
        {
            Encode(_filtered);
        }
    }

    private void Encode(Frame frame)
    {
        var graphTimeBase = _graph!.OutputTimeBase;
        var encoder = _encoder ?? OpenEncoder(graphTimeBase);
        var pts = frame.Pts;
        if (_clock is not null)
        {
            _repeats ??= new GapFiller(_clock, graphTimeBase, Math.Max(1, Rational.Rescale(1, _frameRate.Invert(), graphTimeBase)));
        }

        if (_repeats is null || pts >= _repeats.End)
        {
            var ticks = Rational.Rescale(pts, graphTimeBase, PipelineTime.TimeBase);
            FillGap(encoder, ticks);
            EncodeAt(encoder, frame, ticks);
            _lastTicks = ticks;
        }

        _held.Unref();
        _held.Ref(frame);
        _repeats?.Delivered(pts, pts + _repeats.Step);
    }

    /// <summary>
    /// Repeats the last frame up to <paramref name="ticks"/> when the source skipped time: the <c>fps</c> filter fills
    /// gaps itself, but not across a rebuilt graph (a failover to an input of another size or rate), so the track stays
    /// continuous there too.
    /// </summary>
    private void FillGap(Encoder encoder, long ticks)
    {
        if (_lastTicks == long.MinValue || !_frameRate.IsValid)
        {
            return;
        }

        var step = PipelineTime.Frequency * (long)_frameRate.Denominator / _frameRate.Numerator;
        for (var t = _lastTicks + step; ticks - t > step / 2; t += step)
        {
            _duplicate.Unref();
            _duplicate.Ref(_held);
            EncodeAt(encoder, _duplicate, t);
        }
    }

    private void EncodeAt(Encoder encoder, Frame frame, long ticks)
    {
        frame.Pts = Rational.Rescale(ticks, PipelineTime.TimeBase, encoder.TimeBase);
        frame.PictureType = _schedule.IsBoundary(ref _cursor, ticks, _tolerance) ? PictureType.I : PictureType.None;
        var send = frame;
        if (_hardwareFrames is not null)
        {
            _hardwareFrames.GetBuffer(_upload);
            frame.TransferDataTo(_upload);
            _upload.Pts = frame.Pts;
            _upload.PictureType = frame.PictureType;
            send = _upload;
        }

        var started = Stopwatch.GetTimestamp();
        while (encoder.SendFrame(send) == CodecResult.Again)
        {
            ReceivePackets();
        }

        ReceivePackets();
        _encodeLatency.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private Encoder OpenEncoder(Rational timeBase)
    {
        var software = _video.Hardware == HardwareAcceleration.None;
        if (!software)
        {
            _hardwareFrames = HardwareFrames.Create(_hardware!.GetDevice(), _hardware.SurfaceFormat, VideoEncoderFactory.SoftwareFormat(_video.Hardware), _size.Width, _size.Height);
        }

        // GOP mode: keyint is the GOP, so the encoder's own keyframes coincide with the forced ones. Source-driven
        // mode: the source's GOPs may be irregular, so only the forced keyframes count and keyint is a long ceiling.
        var gopFrames = (int)Math.Max(1, Math.Round(_video.GopSeconds * _frameRate.ToDouble()));
        _encoder = VideoEncoderFactory.Create(
            _video, _lowLatency, _rendition, _size, timeBase, _frameRate, _scheduleFollowsSource ? gopFrames * 10 : gopFrames, _threads,
            software ? VideoEncoderFactory.SoftwareFormat(_video.Hardware) : _hardware!.SurfaceFormat, _hardwareFrames);
        _track = new TrackInfo
        {
            Id = _rendition.Name,
            Version = _trackVersion,
            MediaType = MediaType.Video,
            Parameters = CodecParameters.From(_encoder),
            TimeBase = PipelineTime.TimeBase,
            Bitrate = _rendition.Bitrate ?? 0,
            MaxBitrate = _rendition.MaxBitrate ?? _rendition.Bitrate ?? 0,
            FrameRate = _frameRate,
        };
        _sink.AddTrack(_track);
        PipelineLog.TrackAdded(Logger, _track.Id, _track.Parameters);
        return _encoder;
    }

    private void ReceivePackets()
    {
        var encoder = _encoder!;
        while (encoder.ReceivePacket(_packet) == CodecResult.Ok)
        {
            _packet.RescaleTimestamps(encoder.TimeBase, PipelineTime.TimeBase);
            var keyframe = _packet.IsKeyframe;
            if (keyframe)
            {
                Interlocked.Increment(ref _keyframes);
            }

            Counters.Record(_packet.Size, _packet.Pts);
            _sink.Write(new EncodedPacket(_track!, _packet, keyframe));
        }
    }
}
