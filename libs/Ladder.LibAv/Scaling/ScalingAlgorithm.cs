namespace Ladder.LibAv;

/// <summary>swscale's interpolation (libswscale/swscale.h <c>SWS_*</c> flags).</summary>
public enum ScalingAlgorithm
{
    /// <summary><c>SWS_FAST_BILINEAR</c>.</summary>
    FastBilinear = 0x1,

    /// <summary><c>SWS_BILINEAR</c>.</summary>
    Bilinear = 0x2,

    /// <summary><c>SWS_BICUBIC</c> (FFmpeg's default).</summary>
    Bicubic = 0x4,

    /// <summary><c>SWS_POINT</c>: nearest neighbour.</summary>
    Point = 0x10,

    /// <summary><c>SWS_AREA</c>: averaging, good for large downscales.</summary>
    Area = 0x20,

    /// <summary><c>SWS_LANCZOS</c>: sharpest, slowest.</summary>
    Lanczos = 0x200,
}
