namespace Ladder.Runner.Tests.Support;

/// <summary>ffmpeg pushing the real 720p24 H.264/AAC clip in real time (<c>-re</c>, stream copy) to the runner.</summary>
internal static class Pusher
{
    public static string Clip
    {
        get
        {
            Assert.True(File.Exists(RepoPaths.Clip720p), $"{RepoPaths.Clip720p} is missing: the real-peer tests need ../shared/media beside the repository");
            return RepoPaths.Clip720p;
        }
    }

    /// <summary>RTMP (FLV) to <paramref name="url"/>; <paramref name="seconds"/> null loops the clip until disposed.</summary>
    public static ExternalProcess Rtmp(string url, int? seconds) =>
        ExternalProcess.Start("ffmpeg", [.. Input(seconds), "-c", "copy", "-f", "flv", url]);

    /// <summary>MPEG-TS over SRT (caller) or UDP to <paramref name="url"/>.</summary>
    public static ExternalProcess MpegTs(string url, int? seconds) =>
        ExternalProcess.Start("ffmpeg", [.. Input(seconds), "-c", "copy", "-f", "mpegts", url]);

    private static string[] Input(int? seconds) => seconds is { } s
        ? ["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-t", s.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Clip]
        : ["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", Clip];
}
