using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>Video encoding and the ladder.</summary>
/// <param name="Codec">h264 or hevc.</param>
/// <param name="Hardware">none, nvidia, vaapi or qsv.</param>
/// <param name="Encoder">The libavcodec encoder name, e.g. libx264 or h264_nvenc.</param>
/// <param name="Preset">Encoder preset, or null where the encoder has none (vaapi).</param>
/// <param name="GopSeconds">Keyframe interval in seconds; segments are cut on keyframes.</param>
/// <param name="Renditions">The ladder, top first.</param>
public sealed record PipelineVideo(
    VideoCodec Codec, HardwareAcceleration Hardware, string Encoder, string? Preset, int GopSeconds, ValueList<PipelineRendition> Renditions);
