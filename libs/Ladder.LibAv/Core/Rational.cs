using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A fraction such as a time base (1/90000: one tick is 1/90000 s) or a frame rate (24000/1001 frames/s);
/// libavutil/rational.h <c>AVRational</c>.
/// </summary>
/// <param name="Numerator">Numerator.</param>
/// <param name="Denominator">Denominator; 0 marks an unknown value (as FFmpeg's 0/0 or 0/1 do).</param>
public readonly record struct Rational(int Numerator, int Denominator)
{
    /// <summary>The MPEG-TS time base, 1/90000 s.</summary>
    public static readonly Rational Mpeg90kHz = new(1, 90000);

    /// <summary>FFmpeg's internal time base <c>AV_TIME_BASE_Q</c>, 1/1000000 s (microseconds).</summary>
    public static readonly Rational Microseconds = new(1, 1_000_000);

    /// <summary>Whether the fraction is usable (both parts non-zero).</summary>
    public bool IsValid => Numerator != 0 && Denominator != 0;

    /// <summary>The value as a double (seconds per tick for a time base); NaN when the denominator is 0.</summary>
    public double ToDouble() => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    /// <summary>The reciprocal, e.g. a time base from a frame rate.</summary>
    public Rational Invert() => new(Denominator, Numerator);

    /// <summary>
    /// Converts <paramref name="ticks"/> from time base <paramref name="from"/> to <paramref name="to"/>
    /// (<c>av_rescale_q_rnd</c> with <c>AV_ROUND_PASS_MINMAX</c>, so <see cref="Timestamp.None"/> passes through unchanged).
    /// </summary>
    /// <param name="ticks">A timestamp or duration in <paramref name="from"/> ticks.</param>
    /// <param name="from">The source time base.</param>
    /// <param name="to">The destination time base.</param>
    /// <param name="rounding">How to round (default: nearest, halfway away from zero, as <c>av_rescale_q</c>).</param>
    /// <returns>The value in <paramref name="to"/> ticks.</returns>
    public static long Rescale(long ticks, Rational from, Rational to, Rounding rounding = Rounding.NearestAwayFromZero) =>
        AvUtil.av_rescale_q_rnd(ticks, from.ToNative(), to.ToNative(), (int)rounding | PassMinMax);

    /// <inheritdoc />
    public override string ToString() => $"{Numerator}/{Denominator}";

    /// <summary><c>AV_ROUND_PASS_MINMAX</c>: leave INT64_MIN/INT64_MAX (no timestamp) unchanged.</summary>
    private const int PassMinMax = 8192;

    internal AVRational ToNative() => new(Numerator, Denominator);

    internal static Rational FromNative(AVRational value) => new(value.num, value.den);
}
