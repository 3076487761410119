using System.Text.Json;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

public class PipelineSpecTests
{
    internal static PipelineSpec Sample() => new()
    {
        Generation = 3,
        Stream = new StreamIdentity("media", "news") { Uid = "0d6f1c2e-1111-2222-3333-444455556666" },
        Inputs = ValueList.Of(
            new PipelineInput("primary", InputProtocol.Srt, InputMode.Listen, "srt://0.0.0.0:9000",
                new ValueMap([new("mode", "listener"), new("latency", "200000")]))
            { Passphrase = "secret-passphrase" },
            new PipelineInput("backup", InputProtocol.Rtmp, InputMode.Listen, "rtmp://0.0.0.0:1935/live/key-123", ValueMap.Empty.With("listen", "1")) { StreamKey = "key-123" }),
        Failover = new PipelineFailover(Duration.FromSeconds(1), Duration.FromSeconds(10)),
        Video = new PipelineVideo(VideoCodec.H264, HardwareAcceleration.None, "libx264", "veryfast", 2, ValueList.Of(
            new PipelineRendition("720p") { Width = 1280, Height = 720, Fps = 29.97, Bitrate = 2_800_000, MaxBitrate = 2_996_000, BufferSize = 4_200_000, Profile = VideoProfile.High, Level = "3.1" },
            new PipelineRendition("source") { Passthrough = true })),
        Audio = new PipelineAudio(AudioCodec.Aac, "aac", 128_000, 2, 48_000),
        Outputs = new PipelineOutputs(
            new PipelineHls(true, Duration.FromSeconds(4), 6, HlsContainer.Fmp4),
            new PipelineDash(true, Duration.FromSeconds(4), 6),
            ValueList.Of(new PipelinePushTarget("youtube", PushProtocol.Rtmp, "rtmp://a.rtmp.youtube.com/live2/yt-key", "720p", ValueMap.Empty) { StreamKey = "yt-key" })),
    };

    [Fact]
    public void Json_round_trip_is_lossless()
    {
        var spec = Sample();
        var json = spec.ToJson();
        var back = PipelineSpec.FromJson(json);
        Assert.Equal(spec, back);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(spec.GetHashCode(), back.GetHashCode());
    }

    [Fact]
    public void Json_uses_wire_names_and_plain_bits_per_second()
    {
        var json = Sample().ToJson(indented: false);
        Assert.StartsWith("{\"apiVersion\":\"ladder.dev/pipeline-v1\",\"generation\":3,", json, StringComparison.Ordinal);
        Assert.Contains("\"codec\":\"h264\"", json, StringComparison.Ordinal);
        Assert.Contains("\"hardware\":\"none\"", json, StringComparison.Ordinal);
        Assert.Contains("\"container\":\"fmp4\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"listen\"", json, StringComparison.Ordinal);
        Assert.Contains("\"bitrate\":2800000", json, StringComparison.Ordinal);
        Assert.Contains("\"segmentDuration\":\"4s\"", json, StringComparison.Ordinal);
        Assert.Contains("\"options\":{\"latency\":\"200000\",\"mode\":\"listener\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"width\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_masks_every_secret_everywhere()
    {
        var spec = Sample();
        foreach (var text in new[] { spec.ToString(), spec.ToRedactedJson(), spec.Inputs[1].ToString(), spec.Outputs.Push[0].ToString(), spec.Redact().ToJson() })
        {
            Assert.DoesNotContain("secret-passphrase", text, StringComparison.Ordinal);
            Assert.DoesNotContain("key-123", text, StringComparison.Ordinal);
            Assert.DoesNotContain("yt-key", text, StringComparison.Ordinal);
        }
        Assert.Equal("rtmp://0.0.0.0:1935/live/****", spec.Redact().Inputs[1].Url);
        Assert.Equal("****", spec.Redact().Inputs[0].Passphrase);
        Assert.Null(spec.Redact().Inputs[0].StreamKey);
        Assert.Contains("key-123", spec.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Records_compare_by_value_including_lists_and_maps()
    {
        var a = Sample();
        var b = Sample();
        Assert.Equal(a, b);
        Assert.Equal(a.Video, b.Video);
        Assert.Equal(a.Inputs, b.Inputs);
        var changed = a with { Video = a.Video with { Renditions = ValueList.Of(a.Video.Renditions[0] with { Bitrate = 3_000_000 }, a.Video.Renditions[1]) } };
        Assert.NotEqual(a, changed);
        Assert.NotEqual(a.Video, changed.Video);
        Assert.Equal(a.Inputs, changed.Inputs);
        Assert.Equal(a.Outputs, changed.Outputs);
        Assert.NotEqual(a.Inputs[0], a.Inputs[0] with { Options = a.Inputs[0].Options.With("latency", "500000") });
    }

    [Fact]
    public void FromJson_rejects_other_versions_and_missing_fields()
    {
        Assert.Equal("PipelineSpec apiVersion \"ladder.dev/pipeline-v2\" is not supported; this runner reads ladder.dev/pipeline-v1",
            Assert.Throws<JsonException>(() => PipelineSpec.FromJson("{\"apiVersion\":\"ladder.dev/pipeline-v2\"}")).Message);
        var ex = Assert.Throws<JsonException>(() => PipelineSpec.FromJson("{\"apiVersion\":\"ladder.dev/pipeline-v1\",\"generation\":1}"));
        Assert.Contains("missing required properties", ex.Message, StringComparison.Ordinal);
        var withExtra = Sample().ToJson(false).Replace("\"generation\":3,", "\"generation\":3,\"surprise\":1,", StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => PipelineSpec.FromJson(withExtra));
    }

    [Fact]
    public void Validator_accepts_a_resolved_spec_and_names_broken_fields()
    {
        Assert.Empty(new PipelineSpecValidator().Validate(Sample()).ToFieldErrors());
        var broken = Sample() with
        {
            Inputs = ValueList.Of(Sample().Inputs[0] with { Url = "ftp://x/y" }),
            Outputs = Sample().Outputs with { Hls = Sample().Outputs.Hls with { SegmentDuration = Duration.FromSeconds(3) } },
        };
        Assert.Equal(
        [
            "inputs[0].url: scheme \"ftp\" is not supported; use rtmp, srt, rtsp, http, https, udp or file",
            "outputs.hls.segmentDuration: 3s is not a whole multiple of the GOP (2s); segments are cut on keyframes, so use 2s or 4s",
        ], new PipelineSpecValidator().Validate(broken).ToFieldErrors().Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_Should_ReportTheGopOnce_When_GopSecondsIsZero()
    {
        var broken = Sample() with { Video = Sample().Video with { GopSeconds = 0 } };

        Assert.Equal(
            ["video.gopSeconds: 0 is out of range; use 1 to 10"],
            new PipelineSpecValidator().Validate(broken).ToFieldErrors().Select(e => e.ToString()));
    }
}
