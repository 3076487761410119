using Ladder.LibAv.Native;

namespace Ladder.LibAv;

/// <summary>
/// A pixel format; libavutil/pixfmt.h <c>enum AVPixelFormat</c> (values are stable within avutil 57, and the layout
/// test checks the named ones against the installed header). Any other format is reachable by name through
/// <see cref="FromName"/>.
/// </summary>
/// <param name="Value">The <c>AVPixelFormat</c> value.</param>
public readonly record struct PixelFormat(int Value)
{
    /// <summary><c>AV_PIX_FMT_NONE</c>.</summary>
    public static readonly PixelFormat None = new(-1);

    /// <summary><c>AV_PIX_FMT_YUV420P</c>: planar 4:2:0, 8 bit.</summary>
    public static readonly PixelFormat Yuv420P = new(0);

    /// <summary><c>AV_PIX_FMT_YUVJ420P</c>: full-range planar 4:2:0 (deprecated by FFmpeg in favour of color_range).</summary>
    public static readonly PixelFormat Yuvj420P = new(12);

    /// <summary><c>AV_PIX_FMT_NV12</c>: semi-planar 4:2:0, 8 bit (the usual hardware upload format).</summary>
    public static readonly PixelFormat Nv12 = new(23);

    /// <summary><c>AV_PIX_FMT_VAAPI</c>: hardware surface (VAAPI).</summary>
    public static readonly PixelFormat Vaapi = new(44);

    /// <summary><c>AV_PIX_FMT_QSV</c>: hardware surface (Intel Quick Sync).</summary>
    public static readonly PixelFormat Qsv = new(114);

    /// <summary><c>AV_PIX_FMT_CUDA</c>: hardware surface (NVIDIA CUDA, for NVENC/NVDEC).</summary>
    public static readonly PixelFormat Cuda = new(117);

    /// <summary>The FFmpeg name, e.g. "yuv420p" (<c>av_get_pix_fmt_name</c>); "none" when unknown.</summary>
    public unsafe string Name => NativeText.Read(AvUtil.av_get_pix_fmt_name(Value)) ?? "none";

    /// <summary>Looks a format up by its FFmpeg name (<c>av_get_pix_fmt</c>).</summary>
    /// <param name="name">E.g. "yuv420p", "nv12", "p010le".</param>
    /// <exception cref="ArgumentException">FFmpeg knows no pixel format of that name.</exception>
    public static PixelFormat FromName(string name)
    {
        var value = AvUtil.av_get_pix_fmt(name);
        return value < 0
            ? throw new ArgumentException($"Unknown pixel format '{name}'; run 'ffmpeg -pix_fmts' for the names FFmpeg knows.", nameof(name))
            : new PixelFormat(value);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
