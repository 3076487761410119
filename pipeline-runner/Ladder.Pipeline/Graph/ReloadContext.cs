using Ladder.LibAv;
using Ladder.Pipeline.Decoding;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Video;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Graph;

/// <summary>What <see cref="LivePipeline.ApplyAsync"/> needs to build stages like the ones <see cref="LivePipeline.Start"/> built.</summary>
/// <param name="Stream">The stream, <c>namespace/name</c> (metric label).</param>
/// <param name="Sink">Where encoders write.</param>
/// <param name="Hardware">The GPU device, or null.</param>
/// <param name="FullMode">What a full queue does.</param>
/// <param name="Clock">The wall clock that paces the encoders' repeats and silence while the input delivers nothing; null for an unpaced file input.</param>
/// <param name="Logger">Logging.</param>
/// <param name="Decoder">The video decoder, or null when every rendition is passthrough.</param>
/// <param name="Frames">The frame pool.</param>
/// <param name="Packets">The packet pool.</param>
internal sealed record ReloadContext(
    string Stream, IEncodedPacketSink Sink, HardwareContext? Hardware, QueueFullMode FullMode, TimeProvider? Clock, ILogger Logger,
    VideoDecodeStage? Decoder, MediaPool<Frame> Frames, MediaPool<Packet> Packets);
