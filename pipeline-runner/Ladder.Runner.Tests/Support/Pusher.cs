namespace Ladder.Runner.Tests.Support;

/// <summary>ffmpeg pushing the real 720p24 H.264/AAC clip in real time (<c>-re</c>, stream copy) to the runner, or as fast as it can.</summary>
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

    /// <summary>
    /// RTMP (FLV) to <paramref name="url"/>; <paramref name="seconds"/> null loops the clip until disposed;
    /// <paramref name="realtime"/> false sends as fast as the receiver takes it, as a misconfigured encoder or relay does.
    /// </summary>
    public static ExternalProcess Rtmp(string url, int? seconds, bool realtime = true) =>
        ExternalProcess.Start("ffmpeg", [.. Input(seconds, realtime), "-c", "copy", "-f", "flv", url]);

    /// <summary>MPEG-TS over SRT (caller) or UDP to <paramref name="url"/>.</summary>
    public static ExternalProcess MpegTs(string url, int? seconds) =>
        ExternalProcess.Start("ffmpeg", [.. Input(seconds), "-c", "copy", "-f", "mpegts", url]);

    private static string[] Input(int? seconds, bool realtime = true) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error", .. realtime ? new[] { "-re" } : [],
        .. seconds is { } s ? new[] { "-t", s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : ["-stream_loop", "-1"],
        "-i", Clip,
    ];
}
