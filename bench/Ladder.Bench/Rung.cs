using System.Globalization;

namespace Ladder.Bench;

/// <summary>One rung of the benchmark ladder: size and target bitrate; VBV maximum rate 1.07x and buffer 1.5x the target.</summary>
/// <param name="Name">The rendition name; also its output folder on both sides.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Kbps">Target bitrate in kbit/s.</param>
internal sealed record Rung(string Name, int Width, int Height, int Kbps)
{
    /// <summary>The VBV maximum rate in kbit/s.</summary>
    public int MaxKbps => (int)Math.Round(Kbps * 1.07);

    /// <summary>The VBV buffer in kbit.</summary>
    public int BufferKbit => (int)Math.Round(Kbps * 1.5);

    /// <summary>The ffmpeg CLI's spelling of a kbit/s figure.</summary>
    public static string Cli(int kbps) => kbps.ToString(CultureInfo.InvariantCulture) + "k";
}
