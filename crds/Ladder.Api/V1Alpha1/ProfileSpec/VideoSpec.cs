using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Video encoding settings and the ladder.</summary>
[CelRule("self.renditions.filter(r, has(r.passthrough) && r.passthrough).size() <= 1",
    "at most one rendition may be passthrough", FieldPath = ".renditions", Reason = CelReason.FieldValueInvalid)]
[CelRule("!has(self.maxResolution) || self.renditions.all(r, !has(r.width) || !has(r.height) || (r.width <= self.maxResolution.width && r.height <= self.maxResolution.height))",
    "renditions must not be larger than maxResolution (the runner never upscales)", FieldPath = ".renditions", Reason = CelReason.FieldValueInvalid)]
public sealed class VideoSpec
{
    /// <summary>Video codec of the encoded renditions: h264 or hevc.</summary>
    [Default(Defaults.VideoCodec)]
    public VideoCodec? Codec { get; set; }

    /// <summary>
    /// Hardware acceleration: none (software libx264/libx265), nvidia (NVENC), vaapi or qsv. With nvidia,
    /// give the runner an nvidia.com/gpu limit in spec.runner.resources.
    /// </summary>
    [Default(Defaults.Hardware)]
    public HardwareAcceleration? Hardware { get; set; }

    /// <summary>
    /// Encoder speed/quality preset, passed to the encoder as is. Defaults: veryfast for software and qsv,
    /// p4 for nvidia; vaapi has none.
    /// </summary>
    [MaxLength(32)]
    [Pattern("^[a-z0-9]+$")]
    public string? Preset { get; set; }

    /// <summary>
    /// Keyframe interval (GOP) in seconds. Every rendition places keyframes at the same instants, and HLS/DASH
    /// segments are cut on them, so the segment duration must be a whole multiple of it.
    /// </summary>
    [Default(Defaults.GopSeconds)]
    [Minimum(1)]
    [Maximum(10)]
    public int? GopSeconds { get; set; }

    /// <summary>
    /// The largest source this ladder is meant for (the source cap). No rendition may be wider or taller:
    /// the runner never upscales, so a larger rendition would waste bits. Unset: no cap.
    /// </summary>
    public FrameSize? MaxResolution { get; set; }

    /// <summary>
    /// The rungs of the ladder, top (highest quality) first. At most one may be passthrough (the source
    /// transmuxed). Names are unique.
    /// </summary>
    [Required]
    [MinItems(1)]
    [MaxItems(8)]
    [ListMap("name")]
    public IList<Rendition>? Renditions { get; set; }
}
