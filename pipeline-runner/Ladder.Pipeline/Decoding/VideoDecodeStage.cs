using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// Decodes the source video once, on as many threads as its pixel rate needs (<see cref="DecoderThreads"/>), and hands
/// every frame to each transcoded rendition by reference (a pooled <see cref="Frame"/> per rendition,
/// <c>av_frame_ref</c>, no pixel copy). A rendition whose queue is full loses that
/// frame (counted as its drop) rather than holding back the others. The decoder is recreated on each
/// <see cref="SourceFormat"/> (a reopened or different input), and shows frames from its
/// <see cref="SourceFormat.ShowFrom"/> on (an input joined mid-GOP); corrupt packets are counted and skipped. Renditions
/// can be added and retired while it runs (a hot reload), each on a presentation time (<see cref="RenditionTarget"/>).
/// </summary>
internal sealed class VideoDecodeStage : SourceDecodeStage
{
    private readonly Lock _targetsLock = new();
    private volatile RenditionTarget[] _renditions;
    private long _latestPts = long.MinValue;
    private long _lastFrameTimestamp;
    private readonly MediaPool<Frame> _frames;
    private readonly Frame _frame = new();
    private Decoder? _decoder;
    private Rational _frameRate;
    private long _showFrom = long.MinValue;
    private long _errors;

    /// <summary>Creates the stage.</summary>
    public VideoDecodeStage(
        IReadOnlyList<QueueStage<DecodedFrame>> renditions, MediaPool<Packet> packets, MediaPool<Frame> frames, int capacity, QueueFullMode fullMode, ILogger logger)
        : base(Reload.StageNames.Decode, "decode", logger, packets, capacity, fullMode)
    {
        _renditions = [.. renditions.Select(r => new RenditionTarget(r, long.MinValue, long.MaxValue))];
        _frames = frames;
    }

    /// <summary>The PTS of the latest decoded frame (pipeline ticks); <see cref="long.MinValue"/> before the first.</summary>
    public long LatestPts => Interlocked.Read(ref _latestPts);

    /// <summary>When the latest frame was decoded (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); 0 before the first.</summary>
    public long LastFrameTimestamp => Interlocked.Read(ref _lastFrameTimestamp);

    /// <summary>Starts feeding <paramref name="rendition"/> with frames from PTS <paramref name="from"/> on (pipeline ticks).</summary>
    public void AddRendition(QueueStage<DecodedFrame> rendition, long from)
    {
        lock (_targetsLock)
        {
            _renditions = [.. _renditions, new RenditionTarget(rendition, from, long.MaxValue)];
        }
    }

    /// <summary>Stops feeding <paramref name="rendition"/> at PTS <paramref name="until"/> and then completes its input (it drains and ends).</summary>
    public void RetireRendition(QueueStage<DecodedFrame> rendition, long until)
    {
        lock (_targetsLock)
        {
            _renditions = [.. _renditions.Select(r => r.Stage == rendition ? r with { Until = until } : r)];
        }
    }

    /// <inheritdoc />
    protected override bool HasDecoder => _decoder is not null;

    /// <inheritdoc />
    protected override void Drain() => Flush();

    /// <inheritdoc />
    protected override void Finish()
    {
        base.Finish();
        foreach (var rendition in _renditions)
        {
            rendition.Stage.CompleteInput();
        }

        _decoder?.Dispose();
        _frame.Dispose();
    }

    /// <inheritdoc />
    protected override void Reconfigure(SourceFormat format)
    {
        using var parameters = format.Parameters;
        Flush();
        _decoder?.Dispose();
        _decoder = null;
        var threads = DecoderThreads.For(parameters.Width, parameters.Height, format.FrameRate, Environment.ProcessorCount);
        _decoder = Decoder.Create(parameters, PipelineTime.TimeBase, new DecoderOptions { Threads = threads });
        _frameRate = format.FrameRate;
        _showFrom = format.ShowFrom;
        SetState(StageState.Running, detail: $"decoding {parameters} with {_decoder.CodecName} on {threads} thread(s)");
    }

    /// <inheritdoc />
    protected override void Decode(Packet packet)
    {
        while (true)
        {
            CodecResult sent;
            try
            {
                sent = _decoder!.SendPacket(packet);
            }
            catch (FFmpegException error)
            {
                _errors++;
                SetState(StageState.Running, detail: $"skipped {_errors} corrupt packets; last: {error.Message}");
                return;
            }

            ReceiveFrames();
            if (sent != CodecResult.Again)
            {
                return;
            }
        }
    }

    private void Retire(RenditionTarget rendition)
    {
        lock (_targetsLock)
        {
            _renditions = [.. _renditions.Where(r => r.Stage != rendition.Stage)];
        }

        rendition.Stage.CompleteInput();
    }

    private void Flush()
    {
        if (_decoder is null)
        {
            return;
        }

        try
        {
            _decoder.SendPacket(null);
            ReceiveFrames();
        }
        catch (FFmpegException error)
        {
            SetState(StageState.Running, detail: $"flushing the decoder failed: {error.Message}");
        }
    }

    private void ReceiveFrames()
    {
        while (true)
        {
            CodecResult received;
            try
            {
                received = _decoder!.ReceiveFrame(_frame);
            }
            catch (FFmpegException error)
            {
                _errors++;
                SetState(StageState.Running, detail: $"skipped {_errors} undecodable frames; last: {error.Message}");
                return;
            }

            if (received != CodecResult.Ok)
            {
                return;
            }

            var pts = _frame.BestEffortTimestamp;
            if (pts == Timestamp.None || pts < _showFrom) // a reference frame of a GOP joined mid-way, before the switch
            {
                continue;
            }

            _frame.Pts = pts;
            Counters.Record(0, pts);
            Interlocked.Exchange(ref _latestPts, pts);
            Interlocked.Exchange(ref _lastFrameTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
            foreach (var rendition in _renditions)
            {
                if (pts >= rendition.Until)
                {
                    Retire(rendition);
                    continue;
                }

                if (pts < rendition.From)
                {
                    continue;
                }

                var copy = _frames.Rent();
                copy.Ref(_frame);
                rendition.Stage.Offer(new DecodedFrame(copy, _frameRate), Stopping);
            }
        }
    }
}
