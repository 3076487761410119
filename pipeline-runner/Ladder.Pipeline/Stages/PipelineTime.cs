using Ladder.LibAv;

namespace Ladder.Pipeline.Stages;

/// <summary>
/// The time base of the pipeline's output timeline inside the media core: 1/90000 s, the MPEG-TS clock. Ingest
/// rescales every packet onto it, so decoders, schedules and passthrough all speak the same ticks.
/// </summary>
internal static class PipelineTime
{
    /// <summary>Ticks per second.</summary>
    public const int Frequency = 90_000;

    /// <summary>1/90000.</summary>
    public static readonly Rational TimeBase = Rational.Mpeg90kHz;

    /// <summary>Seconds to ticks.</summary>
    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * Frequency);

    /// <summary>Ticks to seconds.</summary>
    public static double ToSeconds(long ticks) => ticks / (double)Frequency;
}
