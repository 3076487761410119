using System.Globalization;
using System.Text.Json;

namespace Ladder.Bench;

/// <summary>The benchmark input, probed once: both sides read this file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Seconds">Its duration: the media seconds that CPU time is divided by.</param>
/// <param name="FrameRate">Video frames per second.</param>
/// <param name="Frames">Video frames (packets counted by ffprobe).</param>
internal sealed record InputMedia(string Path, double Seconds, double FrameRate, long Frames)
{
    /// <summary>Probes <paramref name="path"/>.</summary>
    public static InputMedia Probe(string path)
    {
        var json = Tools.Capture("ffprobe", ["-v", "error", "-count_packets", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate,nb_read_packets:format=duration", "-of", "json", path]);
        using var doc = JsonDocument.Parse(json);
        var stream = doc.RootElement.GetProperty("streams")[0];
        var rate = stream.GetProperty("r_frame_rate").GetString()!.Split('/');
        return new InputMedia(
            path,
            double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(rate[0], CultureInfo.InvariantCulture) / double.Parse(rate[1], CultureInfo.InvariantCulture),
            long.Parse(stream.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Copies the first <paramref name="seconds"/> of <paramref name="path"/> (stream copy) to <paramref name="destination"/>, for a quick run.</summary>
    public static InputMedia Trim(string path, double seconds, string destination)
    {
        Tools.Capture("ffmpeg", ["-v", "error", "-nostdin", "-y", "-i", path, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-map", "0", "-c", "copy", destination]);
        return Probe(destination);
    }
}
