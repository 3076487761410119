namespace Ladder.Bench;

/// <summary>One video rendition of an HLS output, as ffprobe reads it back.</summary>
/// <param name="Name">The rendition.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Frames">Video packets in the rendition (<c>nb_read_packets</c>): the frames encoded and published.</param>
/// <param name="Seconds">The playlist's duration.</param>
/// <param name="Kbps">Init and media segment bytes over the duration, kbit/s.</param>
internal sealed record RenditionOutput(string Name, int Width, int Height, long Frames, double Seconds, double Kbps);
