using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// Decodes the source video once and hands every frame to each transcoded rendition by reference (a pooled
/// <see cref="Frame"/> per rendition, <c>av_frame_ref</c>, no pixel copy). A rendition whose queue is full loses that
/// frame (counted as its drop) rather than holding back the others. The decoder is recreated on each
/// <see cref="SourceFormat"/> (a reopened or different input); corrupt packets are counted and skipped.
/// </summary>
internal sealed class VideoDecodeStage : QueueStage<SourcePacket>
{
    private readonly IReadOnlyList<QueueStage<DecodedFrame>> _renditions;
    private readonly MediaPool<Packet> _packets;
    private readonly MediaPool<Frame> _frames;
    private readonly Frame _frame = new();
    private Decoder? _decoder;
    private Rational _frameRate;
    private long _errors;

    /// <summary>Creates the stage.</summary>
    public VideoDecodeStage(
        IReadOnlyList<QueueStage<DecodedFrame>> renditions, MediaPool<Packet> packets, MediaPool<Frame> frames, int capacity, QueueFullMode fullMode, ILogger logger)
        : base("decode/video", "decode", logger, capacity, fullMode)
    {
        _renditions = renditions;
        _packets = packets;
        _frames = frames;
    }

    /// <inheritdoc />
    protected override void Process(SourcePacket item)
    {
        if (item.Format is { } format)
        {
            Reconfigure(format);
            return;
        }

        var packet = item.Packet!;
        try
        {
            if (_decoder is not null)
            {
                Decode(packet);
            }
        }
        finally
        {
            _packets.Return(packet);
        }
    }

    /// <inheritdoc />
    protected override void Release(SourcePacket item)
    {
        if (item.Packet is { } packet)
        {
            _packets.Return(packet);
        }

        item.Format?.Parameters.Dispose();
    }

    /// <inheritdoc />
    protected override void Drain() => Flush();

    /// <inheritdoc />
    protected override void Finish()
    {
        base.Finish();
        foreach (var rendition in _renditions)
        {
            rendition.CompleteInput();
        }

        _decoder?.Dispose();
        _frame.Dispose();
    }

    private void Reconfigure(SourceFormat format)
    {
        using var parameters = format.Parameters;
        Flush();
        _decoder?.Dispose();
        _decoder = null;
        _decoder = Decoder.Create(parameters, PipelineTime.TimeBase);
        _frameRate = format.FrameRate;
        SetState(StageState.Running, detail: $"decoding {parameters} with {_decoder.CodecName}");
    }

    private void Decode(Packet packet)
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
            if (pts == Timestamp.None)
            {
                continue;
            }

            _frame.Pts = pts;
            Counters.Record(0, pts);
            foreach (var rendition in _renditions)
            {
                var copy = _frames.Rent();
                copy.Ref(_frame);
                rendition.Offer(new DecodedFrame(copy, _frameRate), Stopping);
            }
        }
    }
}
