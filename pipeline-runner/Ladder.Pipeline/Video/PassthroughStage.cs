using Ladder.Api.Pipeline;
using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Video;

/// <summary>
/// A <c>passthrough</c> rendition: the source's video packets, already on the output timeline (1/90000 s), go to the
/// rendition's track without decoding, <see cref="EncodedPacket.StartsSegment"/> on every source keyframe (which is
/// where the transcoded renditions force their IDRs too). The bitstream is the source's: length-prefixed NAL units
/// with <c>avcC</c>/<c>hvcC</c> extradata from FLV/RTMP and MP4 inputs, Annex B start codes (with Annex B parameter
/// sets in extradata) from MPEG-TS inputs (SRT, UDP, HLS-TS) — the same form the encoders emit — which the mp4 muxer
/// converts to <c>avcC</c> and length prefixes when it writes CMAF. Each (re)opened input announces a new
/// <see cref="TrackInfo.Version"/> when its codec parameters differ from the last.
/// </summary>
internal sealed class PassthroughStage : QueueStage<SourcePacket>
{
    private readonly PipelineRendition _rendition;
    private readonly IEncodedPacketSink _sink;
    private readonly MediaPool<Packet> _packets;
    private TrackInfo? _track;
    private long _keyframes;

    /// <summary>Creates the stage.</summary>
    public PassthroughStage(PipelineRendition rendition, IEncodedPacketSink sink, MediaPool<Packet> packets, int capacity, QueueFullMode fullMode, ILogger logger)
        : base(Reload.StageNames.Encode(rendition.Name), "passthrough", logger, capacity, fullMode)
    {
        _rendition = rendition;
        _sink = sink;
        _packets = packets;
    }

    /// <summary>The rendition's output figures.</summary>
    public TrackStatus GetStatus()
    {
        var parameters = _track?.Parameters;
        return new(_rendition.Name, true, parameters?.CodecName, parameters?.Width ?? 0, parameters?.Height ?? 0, _track?.FrameRate?.ToDouble() ?? 0,
            Counters.Items, Interlocked.Read(ref _keyframes), Counters.Bitrate, Counters.MediaSeconds);
    }

    /// <inheritdoc />
    protected override void Process(SourcePacket item)
    {
        if (item.Format is { } format)
        {
            Announce(format);
            return;
        }

        var packet = item.Packet!;
        try
        {
            if (_track is null)
            {
                return;
            }

            var keyframe = packet.IsKeyframe;
            if (keyframe)
            {
                Interlocked.Increment(ref _keyframes);
            }

            Counters.Record(packet.Size, packet.Pts);
            _sink.Write(new EncodedPacket(_track, packet, keyframe));
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
    protected override void Drain()
    {
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        base.Finish();
        if (_track is not null)
        {
            _sink.RemoveTrack(_track.Id);
            _track.Parameters.Dispose();
        }
    }

    private void Announce(SourceFormat format)
    {
        var parameters = format.Parameters;
        if (_track is not null && SameStream(_track.Parameters, parameters))
        {
            parameters.Dispose();
            return;
        }

        var previous = _track;
        _track = new TrackInfo
        {
            Id = _rendition.Name,
            Version = (previous?.Version ?? 0) + 1,
            MediaType = MediaType.Video,
            Parameters = parameters,
            TimeBase = PipelineTime.TimeBase,
            Bitrate = parameters.BitRate,
            MaxBitrate = parameters.BitRate,
            FrameRate = format.FrameRate.IsValid ? format.FrameRate : null,
            Passthrough = true,
        };
        _sink.AddTrack(_track);
        previous?.Parameters.Dispose();
        PipelineLog.TrackAdded(Logger, _track.Id, parameters);
        SetState(StageState.Running, detail: $"copying {parameters}");
    }

    private static bool SameStream(CodecParameters a, CodecParameters b) =>
        a.CodecId == b.CodecId && a.Width == b.Width && a.Height == b.Height && a.GetExtraData().AsSpan().SequenceEqual(b.GetExtraData());
}
