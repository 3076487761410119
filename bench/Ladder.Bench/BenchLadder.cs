using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Bench;

/// <summary>
/// The ladder both sides encode (issue "Pipeline runner v1"): four libx264 veryfast rungs, a GOP of 2 s without
/// scene-cut keyframes, AAC-LC 128 kbit/s stereo at 48 kHz, and 2 s fMP4 HLS segments. <see cref="ToSpec"/> gives it to
/// Ladder as a <see cref="PipelineSpec"/>; <see cref="FfmpegPeer"/> spells the same ladder for the ffmpeg CLI.
/// </summary>
internal static class BenchLadder
{
    /// <summary>The encoder preset.</summary>
    public const string Preset = "veryfast";

    /// <summary>Seconds between keyframes, and the HLS segment duration.</summary>
    public const int GopSeconds = 2;

    /// <summary>AAC bitrate in kbit/s.</summary>
    public const int AudioKbps = 128;

    /// <summary>Audio channels.</summary>
    public const int AudioChannels = 2;

    /// <summary>Audio sample rate in Hz.</summary>
    public const int AudioSampleRate = 48_000;

    /// <summary>
    /// B-frames and rate-control lookahead as Ladder's <c>VideoEncoderFactory</c> sets them for libx264 (2 and 10; the
    /// veryfast preset alone gives 3 and 10). The peer gets the same, so the comparison is of the pipelines, not of
    /// x264 settings.
    /// </summary>
    public const int BFrames = 2;

    /// <summary>See <see cref="BFrames"/>.</summary>
    public const int Lookahead = 10;

    /// <summary>The rungs, top first.</summary>
    public static IReadOnlyList<Rung> Rungs { get; } =
    [
        new("1080p", 1920, 1080, 5000),
        new("720p", 1280, 720, 2800),
        new("480p", 854, 480, 1400),
        new("360p", 640, 360, 800),
    ];

    /// <summary>
    /// The Ladder spec, valid for <c>ladder-runner run --spec</c> (a <c>file://</c> URL, H.264 High, which libx264 picks
    /// for 8-bit 4:2:0 anyway): one unpaced file input (<c>re=0</c>: read as fast as the stages take it, back-pressure instead
    /// of drops; <c>stream_loop=0</c>: end at the end of the file), the rungs, HLS fMP4 with the window a runner serves
    /// when the stream sets none (<see cref="Defaults.Window"/> segments), DASH off.
    /// </summary>
    /// <param name="input">The input file.</param>
    public static PipelineSpec ToSpec(string input) => new()
    {
        Generation = 1,
        Stream = new StreamIdentity("bench", "bbb"),
        Inputs = new[]
        {
            new PipelineInput("file", InputProtocol.File, InputMode.Pull, new Uri(input).AbsoluteUri, new ValueMap([KeyValuePair.Create("re", "0"), KeyValuePair.Create("stream_loop", "0")])),
        }.ToValueList(),
        Failover = new PipelineFailover(Duration.FromSeconds(5), Duration.FromSeconds(5)),
        Video = new PipelineVideo(
            VideoCodec.H264,
            HardwareAcceleration.None,
            "libx264",
            Preset,
            GopSeconds,
            Rungs.Select(r => new PipelineRendition(r.Name)
            {
                Profile = VideoProfile.High,
                Width = r.Width,
                Height = r.Height,
                Bitrate = r.Kbps * 1000L,
                MaxBitrate = r.MaxKbps * 1000L,
                BufferSize = r.BufferKbit * 1000L,
            }).ToValueList()),
        Audio = new PipelineAudio(AudioCodec.Aac, "aac", AudioKbps * 1000L, AudioChannels, AudioSampleRate),
        Outputs = new PipelineOutputs(
            new PipelineHls(true, Duration.FromSeconds(GopSeconds), Defaults.Window, HlsContainer.Fmp4),
            new PipelineDash(false, Duration.FromSeconds(GopSeconds), Defaults.Window),
            ValueList<PipelinePushTarget>.Empty),
    };
}
