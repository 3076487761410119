using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// What the playlists and the manifest say about one version of a track, copied out of its <see cref="TrackInfo"/>
/// (whose <see cref="TrackInfo.Parameters"/> belong to the media core).
/// </summary>
/// <param name="Codecs">The RFC 6381 codec string, e.g. <c>avc1.64001f</c> or <c>mp4a.40.2</c>.</param>
/// <param name="Width">Video width in pixels; 0 for audio.</param>
/// <param name="Height">Video height in pixels; 0 for audio.</param>
/// <param name="FrameRate">Video frames/s; null for audio.</param>
/// <param name="SampleRate">Audio sample rate in Hz; 0 for video.</param>
/// <param name="Channels">Audio channel count; 0 for video.</param>
/// <param name="Bitrate">Target bitrate in bits/s.</param>
/// <param name="MaxBitrate">Peak bitrate in bits/s.</param>
public sealed record TrackFormat(string Codecs, int Width, int Height, Rational? FrameRate, int SampleRate, int Channels, long Bitrate, long MaxBitrate)
{
    /// <summary>Copies the format of <paramref name="track"/>.</summary>
    /// <param name="track">The track.</param>
    /// <returns>The format.</returns>
    /// <exception cref="NotSupportedException">The codec cannot be described (see <see cref="CodecStrings.From"/>).</exception>
    internal static TrackFormat From(TrackInfo track)
    {
        var parameters = track.Parameters;
        return new TrackFormat(
            CodecStrings.From(parameters),
            parameters.Width,
            parameters.Height,
            track.FrameRate,
            parameters.SampleRate,
            parameters.Channels,
            track.Bitrate,
            track.MaxBitrate);
    }
}
