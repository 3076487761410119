namespace Ladder.Api.V1Alpha1;

/// <summary>
/// The defaults the resolver applies to unset fields. The TranscodeProfile CRD publishes the same values as
/// schema defaults; the LiveStream and Template CRDs do not (a server-side default would hide what a
/// Template provides), so for them these apply at resolution.
/// </summary>
public static class Defaults
{
    /// <summary>Video codec: <c>h264</c>.</summary>
    public const string VideoCodec = "h264";

    /// <summary>Hardware acceleration: <c>none</c>.</summary>
    public const string Hardware = "none";

    /// <summary>Keyframe interval in seconds.</summary>
    public const int GopSeconds = 2;

    /// <summary>maxBitrate = bitrate x 1.07 (VBV peak for capped VBR).</summary>
    public const double MaxBitrateFactor = 1.07;

    /// <summary>bufferSize = bitrate x 1.5 (VBV buffer).</summary>
    public const double BufferSizeFactor = 1.5;

    /// <summary>Audio codec: <c>aac</c>.</summary>
    public const string AudioCodec = "aac";

    /// <summary>Audio bitrate.</summary>
    public const string AudioBitrate = "128k";

    /// <summary>Audio channels (stereo).</summary>
    public const int AudioChannels = 2;

    /// <summary>Audio sample rate in Hz.</summary>
    public const int AudioSampleRate = 48000;

    /// <summary>Seconds without packets before the runner fails over to the next input.</summary>
    public const string InputTimeout = "1s";

    /// <summary>How long a higher-priority input must be healthy before the runner switches back to it.</summary>
    public const string FailbackDelay = "10s";

    /// <summary>HLS segment duration: twice the GOP (a whole number of GOPs, so every segment starts on a keyframe).</summary>
    public const int SegmentGops = 2;

    /// <summary>Segments kept in the live HLS/DASH playlist.</summary>
    public const int Window = 6;

    /// <summary>HLS segment container: <c>fmp4</c> (CMAF).</summary>
    public const string HlsContainer = "fmp4";

    /// <summary>Low-Latency HLS part target duration (<c>EXT-X-PART-INF:PART-TARGET</c>).</summary>
    public const string PartTargetDuration = "500ms";

    /// <summary>Low-latency DASH latency target (<c>ServiceDescription/Latency@target</c>).</summary>
    public const string DashTargetLatency = "3s";

    /// <summary>SRT receiver latency (SRT's own default is 120 ms; 200 ms rides out more loss on the public internet).</summary>
    public const string SrtLatency = "200ms";

    /// <summary>RTMP port when the URL has none.</summary>
    public const int RtmpPort = 1935;
}
