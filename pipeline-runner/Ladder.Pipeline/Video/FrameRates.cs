using Ladder.LibAv;

namespace Ladder.Pipeline.Video;

/// <summary>Frame rates as exact fractions for the <c>fps</c> filter and encoder time bases.</summary>
internal static class FrameRates
{
    /// <summary>
    /// The fraction for <paramref name="fps"/> frames/s: whole rates as n/1, NTSC rates (23.976, 29.97, 59.94) as
    /// n*1000/1001, anything else to a thousandth.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    public static Rational FromDouble(double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        var whole = Math.Round(fps);
        if (Math.Abs(fps - whole) < 1e-6)
        {
            return new Rational((int)whole, 1);
        }

        var ntsc = Math.Round(fps * 1.001);
        return Math.Abs((ntsc * 1000 / 1001) - fps) < 0.005 ? new Rational((int)ntsc * 1000, 1001) : new Rational((int)Math.Round(fps * 1000), 1000);
    }
}
