using Ladder.LibAv;

namespace Ladder.Pipeline.Media;

/// <summary>
/// One encoded elementary stream leaving the media core for the packagers: the video of one rendition, or the
/// audio that is encoded once and shared by every rendition.
/// </summary>
/// <remarks>
/// A track is immutable. When a stage restarts with new codec parameters (a hot reload that changes a rendition's
/// encoder), it announces a new <see cref="TrackInfo"/> with the same <see cref="Id"/> and a higher
/// <see cref="Version"/>; the packager starts a new init segment from the next segment boundary on.
/// </remarks>
public sealed record TrackInfo
{
    /// <summary>Stable id within the pipeline: the rendition name for video (e.g. <c>720p</c>), <c>audio</c> for audio.</summary>
    public required string Id { get; init; }

    /// <summary>Increases each time the track's codec parameters change; starts at 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Video or audio.</summary>
    public required MediaType MediaType { get; init; }

    /// <summary>
    /// The codec parameters (libavcodec <c>AVCodecParameters</c>: codec id, extradata with SPS/PPS or the
    /// AudioSpecificConfig, size, sample rate, channel layout) a muxer needs to write the track's header. Owned by
    /// whoever created the track; packagers copy what they keep.
    /// </summary>
    public required CodecParameters Parameters { get; init; }

    /// <summary>Time base of <see cref="EncodedPacket.Packet"/> timestamps for this track.</summary>
    public required Rational TimeBase { get; init; }

    /// <summary>Target bitrate in bits/s (the rendition's <c>bitrate</c>, or the audio bitrate).</summary>
    public required long Bitrate { get; init; }

    /// <summary>Peak bitrate in bits/s (the rendition's <c>maxBitrate</c>); equals <see cref="Bitrate"/> for audio.</summary>
    public required long MaxBitrate { get; init; }

    /// <summary>Frames per second for video; null for audio.</summary>
    public Rational? FrameRate { get; init; }

    /// <summary>True when the track is the source's video transmuxed without decoding (a <c>passthrough</c> rendition).</summary>
    public bool Passthrough { get; init; }
}
