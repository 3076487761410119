namespace Ladder.LibAv;

/// <summary>Timestamp conventions shared by packets and frames (libavutil/avutil.h).</summary>
public static class Timestamp
{
    /// <summary><c>AV_NOPTS_VALUE</c> (INT64_MIN): the timestamp is unknown.</summary>
    public const long None = long.MinValue;
}
