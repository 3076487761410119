using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>What the segmenter needs to know of one track version: its number, time base and frame length.</summary>
/// <param name="Version">The <see cref="TrackInfo.Version"/>: a new one starts a new init segment and a discontinuity.</param>
/// <param name="TimeBase">The time base of the track's PTS/DTS, seconds per tick.</param>
/// <param name="FrameDuration">One frame in <paramref name="TimeBase"/> ticks, for frames that carry no duration; at least 1.</param>
/// <param name="HalfFrame">Half a frame in µs: the jitter tolerated on segment boundaries.</param>
internal sealed record TrackTiming(int Version, Rational TimeBase, long FrameDuration, long HalfFrame)
{
    /// <summary>
    /// The timing of <paramref name="track"/>: a video frame is one over its frame rate, an audio frame is the codec's
    /// frame size in samples over its sample rate (<c>AVCodecParameters.frame_size</c>, <c>sample_rate</c>); 1/25 s
    /// when neither is known.
    /// </summary>
    /// <param name="track">The track version.</param>
    /// <returns>Its timing.</returns>
    public static TrackTiming From(TrackInfo track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var seconds = track.FrameRate is { IsValid: true } rate ? rate.Invert()
            : track.Parameters.FrameSize > 0 && track.Parameters.SampleRate > 0 ? new Rational(track.Parameters.FrameSize, track.Parameters.SampleRate)
            : new Rational(1, 25);
        return new TrackTiming(track.Version, track.TimeBase, Math.Max(1, Rational.Rescale(1, seconds, track.TimeBase)), (long)(seconds.ToDouble() * 500_000));
    }

    /// <summary>Converts <paramref name="ticks"/> of this track to µs.</summary>
    /// <param name="ticks">A timestamp in <see cref="TimeBase"/> ticks.</param>
    /// <returns>The same in µs, rounded to nearest.</returns>
    public long ToMicroseconds(long ticks) => Rational.Rescale(ticks, TimeBase, Rational.Microseconds);
}
