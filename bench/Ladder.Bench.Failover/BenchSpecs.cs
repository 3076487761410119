using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Bench.Failover;

/// <summary>The tiny ladder the figures are measured on: 320x180 and 160x90, libx264 ultrafast, GOP 1 s, 2 s segments.</summary>
internal static class BenchSpecs
{
    /// <summary>The spec on <paramref name="inputs"/> with the given failover timings (seconds).</summary>
    public static PipelineSpec Create(IEnumerable<PipelineInput> inputs, double inputTimeout, double failbackDelay) => new()
    {
        Generation = 1,
        Stream = new StreamIdentity("bench", "failover"),
        Inputs = inputs.ToValueList(),
        Failover = new PipelineFailover(Duration.FromSeconds(inputTimeout), Duration.FromSeconds(failbackDelay)),
        Video = new PipelineVideo(VideoCodec.H264, HardwareAcceleration.None, "libx264", "ultrafast", 1, ValueList.Of(Rendition("r180", 320, 180, 300_000), Rendition("r90", 160, 90, 120_000))),
        Audio = new PipelineAudio(AudioCodec.Aac, "aac", 64_000, 2, 48_000),
        Outputs = new PipelineOutputs(
            new PipelineHls(true, Duration.FromSeconds(2), 10, HlsContainer.Fmp4),
            new PipelineDash(false, Duration.FromSeconds(2), 10),
            ValueList<PipelinePushTarget>.Empty),
    };

    /// <summary>A transcoded rendition at 30 fps.</summary>
    public static PipelineRendition Rendition(string name, int width, int height, long bitrate) =>
        new(name) { Width = width, Height = height, Fps = 30, Bitrate = bitrate, MaxBitrate = bitrate * 3 / 2, BufferSize = bitrate * 2 };

    /// <summary>An input named <paramref name="name"/> listening on <paramref name="url"/>.</summary>
    public static PipelineInput Listen(string name, InputProtocol protocol, string url, params (string Key, string Value)[] options) =>
        new(name, protocol, InputMode.Listen, url, new ValueMap(options.Select(o => KeyValuePair.Create(o.Key, o.Value))));
}
