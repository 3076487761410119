using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Tests.Support;

/// <summary>Small pipeline specs for tests: ultrafast libx264 renditions, AAC stereo, one input.</summary>
internal static class Specs
{
    public static PipelineRendition Rendition(string name, int width, int height, double? fps = null) =>
        new(name) { Width = width, Height = height, Fps = fps, Bitrate = 200_000, MaxBitrate = 300_000, BufferSize = 400_000 };

    public static PipelineRendition Passthrough(string name = "source") => new(name) { Passthrough = true };

    public static PipelineInput Input(string url, InputProtocol protocol, InputMode mode = InputMode.Pull, params (string Key, string Value)[] options) =>
        new("main", protocol, mode, url, new ValueMap(options.Select(o => KeyValuePair.Create(o.Key, o.Value))));

    /// <summary>An unpaced file input: every frame is encoded, as fast as the encoders go.</summary>
    public static PipelineInput File(string path, int loop = 0) =>
        Input(path, InputProtocol.File, InputMode.Pull, ("re", "0"), ("stream_loop", loop.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static PipelineSpec Create(
        PipelineInput input, IEnumerable<PipelineRendition> renditions, int gopSeconds = 1, HardwareAcceleration hardware = HardwareAcceleration.None,
        string encoder = "libx264", double inputTimeoutSeconds = 1) => new()
        {
            Generation = 1,
            Stream = new StreamIdentity("test", "stream"),
            Inputs = new[] { input }.ToValueList(),
            Failover = new PipelineFailover(Duration.FromSeconds(inputTimeoutSeconds), Duration.FromSeconds(5)),
            Video = new PipelineVideo(VideoCodec.H264, hardware, encoder, "ultrafast", gopSeconds, renditions.ToValueList()),
            Audio = new PipelineAudio(AudioCodec.Aac, "aac", 64_000, 2, 48_000),
            Outputs = new PipelineOutputs(
            new PipelineHls(true, Duration.FromSeconds(gopSeconds * 2), 5, HlsContainer.Fmp4),
            new PipelineDash(false, Duration.FromSeconds(gopSeconds * 2), 5),
            ValueList<PipelinePushTarget>.Empty),
        };
}
