using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Pipeline specs for the packager tests: only the outputs and the rendition names matter to it.</summary>
internal static class PackagerSpecs
{
    public static PipelineSpec Create(double segmentSeconds, int window, bool dash = true, params string[] renditions) =>
        Create(segmentSeconds, window, dash, HlsContainer.Fmp4, renditions);

    public static PipelineSpec Create(double segmentSeconds, int window, bool dash, HlsContainer container, params string[] renditions) => new()
    {
        Generation = 1,
        Stream = new StreamIdentity("test", "packager"),
        Inputs = ValueList.Of(new PipelineInput("primary", InputProtocol.File, InputMode.Pull, "file:///dev/null", ValueMap.Empty)),
        Failover = new PipelineFailover(Duration.FromSeconds(1), Duration.FromSeconds(10)),
        Video = new PipelineVideo(VideoCodec.H264, HardwareAcceleration.None, "libx264", "veryfast", 1, ValueList.Of(
            renditions.Select(r => new PipelineRendition(r) { Width = 320, Height = 180, Bitrate = 300_000, MaxBitrate = 600_000 }).ToArray())),
        Audio = new PipelineAudio(AudioCodec.Aac, "aac", 96_000, 2, 48_000),
        Outputs = new PipelineOutputs(
            new PipelineHls(true, Duration.FromSeconds(segmentSeconds), window, container),
            new PipelineDash(dash, Duration.FromSeconds(segmentSeconds), window),
            ValueList.Of<PipelinePushTarget>()),
    };
}
