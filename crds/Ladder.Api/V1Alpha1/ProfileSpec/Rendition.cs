using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// One rung of the ladder: an encoded rendition (width, height, bitrate required) or passthrough: true, the
/// source video copied without re-encoding (no other field may be set then).
/// </summary>
[CelRule("!has(self.passthrough) || !self.passthrough || (!has(self.width) && !has(self.height) && !has(self.fps) && !has(self.bitrate) && !has(self.maxBitrate) && !has(self.bufferSize) && !has(self.profile) && !has(self.level))",
    "a passthrough rendition copies the source: remove width, height, fps, bitrate, maxBitrate, bufferSize, profile and level", Reason = CelReason.FieldValueForbidden)]
[CelRule("(has(self.passthrough) && self.passthrough) || (has(self.width) && has(self.height) && has(self.bitrate))",
    "an encoded rendition needs width, height and bitrate", Reason = CelReason.FieldValueRequired)]
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
