using System.Globalization;
using System.Text;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Writes the HLS multivariant (master) playlist (RFC 8216 section 4.3.4): <c>EXT-X-INDEPENDENT-SEGMENTS</c>, one
/// <c>EXT-X-MEDIA TYPE=AUDIO</c> for the shared audio track, and one <c>EXT-X-STREAM-INF</c> per video rendition in
/// ladder order with BANDWIDTH and AVERAGE-BANDWIDTH (video plus audio, bits/s), RESOLUTION, CODECS (video and audio
/// RFC 6381 strings), FRAME-RATE (three decimals) and the AUDIO group.
/// </summary>
internal static class HlsMasterPlaylist
{
    /// <summary>The GROUP-ID of the audio rendition group.</summary>
    public const string AudioGroup = "audio";

    /// <summary>Writes the playlist.</summary>
    /// <param name="videos">Video tracks in ladder order; those without an init segment yet are left out.</param>
    /// <param name="audio">The audio track; null or without init segment when there is no audio.</param>
    /// <param name="muxedAudio">With MPEG-TS variants, the format of the audio muxed into each (added to CODECS; no audio group); null otherwise.</param>
    /// <returns>The playlist text.</returns>
    public static string Write(IEnumerable<PublishedTrack> videos, PublishedTrack? audio, TrackFormat? muxedAudio = null)
    {
        var audioFormat = audio?.Format;
        var text = new StringBuilder(1024);
        text.Append("#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (audio is not null && audioFormat is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"{AudioGroup}\",NAME=\"{audio.Id}\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"{audioFormat.Channels}\",URI=\"{OriginPaths.HlsPlaylistFromMaster(audio.Id)}\"\n");
        }

        foreach (var video in videos)
        {
            if (video.Format is not { } format)
            {
                continue;
            }

            var bandwidth = video.Bandwidth + (audioFormat is null ? 0 : audio!.Bandwidth);
            var average = video.AverageBandwidth + (audioFormat is null ? 0 : audio!.AverageBandwidth);
            var codecs = (audioFormat ?? muxedAudio) is { } sound ? $"{format.Codecs},{sound.Codecs}" : format.Codecs;
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},AVERAGE-BANDWIDTH={average},RESOLUTION={format.Width}x{format.Height},CODECS=\"{codecs}\"");
            if (format.FrameRate is { IsValid: true } rate)
            {
                text.Append(CultureInfo.InvariantCulture, $",FRAME-RATE={rate.ToDouble():0.000}");
            }

            if (audioFormat is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $",AUDIO=\"{AudioGroup}\"");
            }

            text.Append('\n').Append(OriginPaths.HlsPlaylistFromMaster(video.Id)).Append('\n');
        }

        return text.ToString();
    }
}
