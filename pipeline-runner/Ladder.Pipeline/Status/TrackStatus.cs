namespace Ladder.Pipeline.Status;

/// <summary>One output track as <c>/v1/status</c> shows it: a rendition of the ladder, or the shared <c>audio</c>.</summary>
/// <param name="Name">The track id: the rendition name, or <c>audio</c>.</param>
/// <param name="Passthrough">True when the source video is copied without decoding.</param>
/// <param name="Codec">The codec's FFmpeg name (h264, hevc); null before the first packet.</param>
/// <param name="Width">Width in pixels; 0 for audio and before the encoder opened.</param>
/// <param name="Height">Height in pixels; 0 for audio and before the encoder opened.</param>
/// <param name="FrameRate">Frames per second; 0 for audio or when not known yet.</param>
/// <param name="Packets">Packets written to the packagers.</param>
/// <param name="Keyframes">IDR packets written, each opening a segment; 0 for audio.</param>
/// <param name="Bitrate">Measured bits per second over the last second.</param>
/// <param name="OutputSeconds">The latest presentation time written, in seconds on the output timeline.</param>
public sealed record TrackStatus(string Name, bool Passthrough, string? Codec, int Width, int Height, double FrameRate, long Packets, long Keyframes, double Bitrate, double OutputSeconds);
