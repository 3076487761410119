using Ladder.Api.Primitives;
using Ladder.Api.Schema;
using Ladder.Kubernetes.Models;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// TranscodeProfile is an ABR ladder with its codec settings: video codec, hardware acceleration, GOP,
/// renditions and audio. LiveStreams reference it by name with spec.profileRef; many streams can share one.
/// </summary>
[CustomResource(LadderApi.Kinds.TranscodeProfile, LadderApi.Plurals.TranscodeProfiles, LadderApi.Singulars.TranscodeProfile,
    ShortNames = [LadderApi.ShortNames.TranscodeProfile], Categories = [LadderApi.Category])]
[PrinterColumn("Codec", "string", ".spec.video.codec", Order = 1)]
[PrinterColumn("Hardware", "string", ".spec.video.hardware", Order = 2)]
[PrinterColumn("Renditions", "string", ".spec.video.renditions[*].name", Order = 3, Description = "Rendition names, top first")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 4)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed class TranscodeProfile : KubernetesObject
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public TranscodeProfile()
    {
        ApiVersion = LadderApi.ApiVersion;
        Kind = LadderApi.Kinds.TranscodeProfile;
    }

    /// <summary>The desired ladder and codec settings.</summary>
    [Required]
    public TranscodeProfileSpec? Spec { get; set; }

    /// <summary>What the operator observed: validity and the streams that use this profile.</summary>
    public TranscodeProfileStatus? Status { get; set; }
}

/// <summary>Video and audio encoding settings: the ABR ladder.</summary>
public sealed class TranscodeProfileSpec
{
    /// <summary>Video codec, acceleration, GOP and the renditions of the ladder.</summary>
    [Required]
    public VideoSpec? Video { get; set; }

    /// <summary>Audio encoding, shared by every rendition. Defaults: aac, 128k, 2 channels, 48000 Hz.</summary>
    public AudioSpec? Audio { get; set; }
}

/// <summary>Video encoding settings and the ladder.</summary>
[CelRule("self.renditions.filter(r, has(r.passthrough) && r.passthrough).size() <= 1",
    "at most one rendition may be passthrough", FieldPath = ".renditions", Reason = "FieldValueInvalid")]
[CelRule("!has(self.maxResolution) || self.renditions.all(r, !has(r.width) || !has(r.height) || (r.width <= self.maxResolution.width && r.height <= self.maxResolution.height))",
    "renditions must not be larger than maxResolution (the runner never upscales)", FieldPath = ".renditions", Reason = "FieldValueInvalid")]
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

/// <summary>A width and height in pixels.</summary>
public sealed class FrameSize
{
    /// <summary>Width in pixels.</summary>
    [Required]
    [Minimum(16)]
    [Maximum(7680)]
    public int? Width { get; set; }

    /// <summary>Height in pixels.</summary>
    [Required]
    [Minimum(16)]
    [Maximum(4320)]
    public int? Height { get; set; }
}

/// <summary>
/// One rung of the ladder: an encoded rendition (width, height, bitrate required) or passthrough: true, the
/// source video copied without re-encoding (no other field may be set then).
/// </summary>
[CelRule("!has(self.passthrough) || !self.passthrough || (!has(self.width) && !has(self.height) && !has(self.fps) && !has(self.bitrate) && !has(self.maxBitrate) && !has(self.bufferSize) && !has(self.profile) && !has(self.level))",
    "a passthrough rendition copies the source: remove width, height, fps, bitrate, maxBitrate, bufferSize, profile and level", Reason = "FieldValueForbidden")]
[CelRule("(has(self.passthrough) && self.passthrough) || (has(self.width) && has(self.height) && has(self.bitrate))",
    "an encoded rendition needs width, height and bitrate", Reason = "FieldValueRequired")]
public sealed class Rendition
{
    /// <summary>Rendition name, unique in the ladder (e.g. 1080p): the playlist and directory name.</summary>
    [Required]
    [MaxLength(32)]
    [Pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>Copy the source video as is (transmux, no re-encode). At most one rendition may set it.</summary>
    public bool? Passthrough { get; set; }

    /// <summary>Output width in pixels (even).</summary>
    [Minimum(16)]
    [Maximum(7680)]
    [MultipleOf(2)]
    public int? Width { get; set; }

    /// <summary>Output height in pixels (even).</summary>
    [Minimum(16)]
    [Maximum(4320)]
    [MultipleOf(2)]
    public int? Height { get; set; }

    /// <summary>Output frame rate; unset keeps the source rate. Fractional rates such as 29.97 are allowed.</summary>
    [Minimum(1)]
    [Maximum(120)]
    public double? Fps { get; set; }

    /// <summary>Target video bitrate in bits per second: an integer or a string like 5000k or 5M.</summary>
    public Bitrate? Bitrate { get; set; }

    /// <summary>Peak bitrate (VBV maximum rate). Default: bitrate x 1.07. Must not be below bitrate.</summary>
    public Bitrate? MaxBitrate { get; set; }

    /// <summary>VBV buffer size in bits. Default: bitrate x 1.5.</summary>
    public Bitrate? BufferSize { get; set; }

    /// <summary>Codec profile: baseline, main or high for h264 (default high); main or main10 for hevc (default main).</summary>
    public VideoProfile? Profile { get; set; }

    /// <summary>
    /// Codec level, e.g. "4.1" (quote it in YAML). Unset lets the encoder choose. When set, the rendition's
    /// frame size, frame rate and maxBitrate must fit the level's limits.
    /// </summary>
    [Pattern(@"^[1-6](\.[0-3])?$|^1b$")]
    [MaxLength(3)]
    public string? Level { get; set; }
}

/// <summary>Audio encoding, shared by every rendition.</summary>
[CelRule("!has(self.codec) || self.codec != 'opus' || !has(self.sampleRate) || self.sampleRate == 48000",
    "opus audio is always 48000 Hz", FieldPath = ".sampleRate", Reason = "FieldValueInvalid")]
public sealed class AudioSpec
{
    /// <summary>Audio codec: aac or opus.</summary>
    [Default(Defaults.AudioCodec)]
    public AudioCodec? Codec { get; set; }

    /// <summary>Audio bitrate in bits per second: an integer or a string like 128k.</summary>
    [Default(Defaults.AudioBitrate)]
    public Bitrate? Bitrate { get; set; }

    /// <summary>Number of channels: 1 (mono), 2 (stereo) up to 8 (7.1).</summary>
    [Default(Defaults.AudioChannels)]
    [Minimum(1)]
    [Maximum(8)]
    public int? Channels { get; set; }

    /// <summary>Sample rate in Hz (opus: 48000 only).</summary>
    [Default(Defaults.AudioSampleRate)]
    [Minimum(8000)]
    [Maximum(96000)]
    public int? SampleRate { get; set; }
}

/// <summary>Observed state of a TranscodeProfile.</summary>
public sealed class TranscodeProfileStatus
{
    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready (the profile is valid), plus Reconciling and Stalled in kstatus style.</summary>
    [ListMap("type")]
    [MaxItems(16)]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Names of the LiveStreams in this namespace that use this profile (directly or through a Template).</summary>
    [ListSet]
    [MaxItems(1000)]
    public IList<string>? UsedBy { get; set; }
}
