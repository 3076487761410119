using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>
/// Codec level limits (ITU-T H.264 Table A-1, H.265 Table A.8, Main tier): the largest frame, sample rate and
/// bitrate a level allows. A rendition that names a level must fit it; a decoder that supports the level
/// can then play the rendition.
/// </summary>
public static class CodecLevels
{
    /// <summary>One level's limits, in the codec's own units.</summary>
    /// <param name="Name">Level name, e.g. <c>4.1</c>.</param>
    /// <param name="MaxFrameSize">H.264: macroblocks per frame; HEVC: luma samples per frame.</param>
    /// <param name="MaxRate">H.264: macroblocks per second; HEVC: luma samples per second.</param>
    /// <param name="MaxKbps">Max video bitrate in kbit/s (H.264 Baseline/Main; High allows x1.25).</param>
    public sealed record Level(string Name, long MaxFrameSize, long MaxRate, long MaxKbps);

    /// <summary>H.264 levels.</summary>
    public static IReadOnlyList<Level> H264 { get; } =
    [
        new("1", 99, 1485, 64), new("1b", 99, 1485, 128), new("1.1", 396, 3000, 192), new("1.2", 396, 6000, 384),
        new("1.3", 396, 11880, 768), new("2", 396, 11880, 2000), new("2.1", 792, 19800, 4000), new("2.2", 1620, 20250, 4000),
        new("3", 1620, 40500, 10000), new("3.1", 3600, 108000, 14000), new("3.2", 5120, 216000, 20000),
        new("4", 8192, 245760, 20000), new("4.1", 8192, 245760, 50000), new("4.2", 8704, 522240, 50000),
        new("5", 22080, 589824, 135000), new("5.1", 36864, 983040, 240000), new("5.2", 36864, 2073600, 240000),
        new("6", 139264, 4177920, 240000), new("6.1", 139264, 8355840, 480000), new("6.2", 139264, 16711680, 800000),
    ];

    /// <summary>HEVC levels (Main tier).</summary>
    public static IReadOnlyList<Level> Hevc { get; } =
    [
        new("1", 36864, 552960, 128), new("2", 122880, 3686400, 1500), new("2.1", 245760, 7372800, 3000),
        new("3", 552960, 16588800, 6000), new("3.1", 983040, 33177600, 10000),
        new("4", 2228224, 66846720, 12000), new("4.1", 2228224, 133693440, 20000),
        new("5", 8912896, 267386880, 25000), new("5.1", 8912896, 534773760, 40000), new("5.2", 8912896, 1069547520, 60000),
        new("6", 35651584, 1069547520, 60000), new("6.1", 35651584, 2139095040, 120000), new("6.2", 35651584, 4278190080, 240000),
    ];

    /// <summary>The codec's display name: H.264 or HEVC.</summary>
    public static string DisplayName(VideoCodec codec) => codec == VideoCodec.Hevc ? "HEVC" : "H.264";

    /// <summary>The level named <paramref name="name"/> for <paramref name="codec"/>, or null.</summary>
    public static Level? Find(VideoCodec codec, string name) =>
        (codec == VideoCodec.Hevc ? Hevc : H264).FirstOrDefault(l => l.Name == NormalizeName(name));

    /// <summary>Level names for messages.</summary>
    public static IReadOnlyList<string> Names(VideoCodec codec) => [.. (codec == VideoCodec.Hevc ? Hevc : H264).Select(l => l.Name)];

    /// <summary><c>4.0</c> is <c>4</c>.</summary>
    public static string NormalizeName(string name) => name.EndsWith(".0", StringComparison.Ordinal) ? name[..^2] : name;

    /// <summary>
    /// Why a width x height at <paramref name="fps"/> (null: unknown, not checked) and
    /// <paramref name="maxBitsPerSecond"/> does not fit the level, or null when it does.
    /// </summary>
    public static string? Check(VideoCodec codec, VideoProfile profile, Level level, int width, int height, double? fps, long maxBitsPerSecond)
    {
        var codecName = DisplayName(codec);
        long frameSize;
        string unit;
        double maxDimension;
        if (codec == VideoCodec.H264)
        {
            frameSize = (long)Math.Ceiling(width / 16.0) * (long)Math.Ceiling(height / 16.0);
            unit = "macroblocks";
            maxDimension = Math.Sqrt(level.MaxFrameSize * 8.0) * 16;
        }
        else
        {
            frameSize = (long)width * height;
            unit = "luma samples";
            maxDimension = Math.Sqrt(level.MaxFrameSize * 8.0);
        }
        if (frameSize > level.MaxFrameSize)
        {
            return $"{width}x{height} does not fit {codecName} level {level.Name} (at most {level.MaxFrameSize} {unit} per frame; this needs {frameSize})";
        }
        if (Math.Max(width, height) > maxDimension)
        {
            return $"{width}x{height} does not fit {codecName} level {level.Name} (no side may exceed {(int)maxDimension} pixels)";
        }
        if (fps is double f && frameSize * f > level.MaxRate)
        {
            return $"{width}x{height} at {f:0.###} fps does not fit {codecName} level {level.Name} (at most {level.MaxRate} {unit} per second; this needs {(long)Math.Ceiling(frameSize * f)})";
        }
        var maxKbps = codec == VideoCodec.H264 && profile == VideoProfile.High ? level.MaxKbps * 5 / 4 : level.MaxKbps;
        if (maxBitsPerSecond > maxKbps * 1000)
        {
            return $"maxBitrate {maxBitsPerSecond / 1000}k exceeds {codecName} level {level.Name} (at most {maxKbps}k)";
        }
        return null;
    }
}
