namespace Ladder.Pipeline.Media;

/// <summary>
/// Where encoded packets go: the packagers (HLS/DASH segmenter) and push outputs. Implementations return quickly:
/// a slow consumer queues within its bound and drops (and counts) beyond it, and never blocks the encoder calling it.
/// </summary>
public interface IEncodedPacketSink
{
    /// <summary>Announces a track, or a new <see cref="TrackInfo.Version"/> of one, before its first packet.</summary>
    /// <param name="track">The track.</param>
    void AddTrack(TrackInfo track);

    /// <summary>Hands over one packet; the sink references it (<c>av_packet_ref</c>) if it keeps it past the call.</summary>
    /// <param name="packet">The packet and its track.</param>
    void Write(in EncodedPacket packet);

    /// <summary>Announces that a track ended (its stage stopped or the rendition was removed); no packets follow.</summary>
    /// <param name="trackId">The <see cref="TrackInfo.Id"/>.</param>
    void RemoveTrack(string trackId);
}
