namespace Ladder.LibAv;

/// <summary>Rounding of <see cref="Rational.Rescale"/>; libavutil/mathematics.h <c>enum AVRounding</c>.</summary>
public enum Rounding
{
    /// <summary><c>AV_ROUND_ZERO</c>: toward zero.</summary>
    TowardZero = 0,

    /// <summary><c>AV_ROUND_INF</c>: away from zero.</summary>
    AwayFromZero = 1,

    /// <summary><c>AV_ROUND_DOWN</c>: toward minus infinity.</summary>
    Down = 2,

    /// <summary><c>AV_ROUND_UP</c>: toward plus infinity.</summary>
    Up = 3,

    /// <summary><c>AV_ROUND_NEAR_INF</c>: to nearest, halfway cases away from zero.</summary>
    NearestAwayFromZero = 5,
}
