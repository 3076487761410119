using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

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
