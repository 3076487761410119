using Ladder.LibAv.Native;

namespace Ladder.LibAv;

/// <summary>
/// An audio sample format; libavutil/samplefmt.h <c>enum AVSampleFormat</c> (values checked against the installed
/// header by the layout test).
/// </summary>
/// <param name="Value">The <c>AVSampleFormat</c> value.</param>
public readonly record struct SampleFormat(int Value)
{
    /// <summary><c>AV_SAMPLE_FMT_NONE</c>.</summary>
    public static readonly SampleFormat None = new(-1);

    /// <summary><c>AV_SAMPLE_FMT_S16</c>: signed 16 bit, interleaved.</summary>
    public static readonly SampleFormat S16 = new(1);

    /// <summary><c>AV_SAMPLE_FMT_FLT</c>: 32-bit float, interleaved.</summary>
    public static readonly SampleFormat Flt = new(3);

    /// <summary><c>AV_SAMPLE_FMT_S16P</c>: signed 16 bit, planar.</summary>
    public static readonly SampleFormat S16P = new(6);

    /// <summary><c>AV_SAMPLE_FMT_FLTP</c>: 32-bit float, planar (what FFmpeg's AAC encoder takes).</summary>
    public static readonly SampleFormat FltP = new(8);

    /// <summary>The FFmpeg name, e.g. "fltp" (<c>av_get_sample_fmt_name</c>); "none" when unknown.</summary>
    public unsafe string Name => NativeText.Read(AvUtil.av_get_sample_fmt_name(Value)) ?? "none";

    /// <summary>Looks a format up by its FFmpeg name (<c>av_get_sample_fmt</c>).</summary>
    /// <param name="name">E.g. "s16", "fltp".</param>
    /// <exception cref="ArgumentException">FFmpeg knows no sample format of that name.</exception>
    public static SampleFormat FromName(string name)
    {
        var value = AvUtil.av_get_sample_fmt(name);
        return value < 0
            ? throw new ArgumentException($"Unknown sample format '{name}'; run 'ffmpeg -sample_fmts' for the names FFmpeg knows.", nameof(name))
            : new SampleFormat(value);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
