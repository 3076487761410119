using Ladder.Api.Manifests;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Tests;

/// <summary>Every sample in config/samples loads, validates and resolves each of its LiveStreams on its own.</summary>
public class SamplesTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Samples, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void The_samples_the_issue_asks_for_exist()
    {
        var files = Directory.GetFiles(RepoPaths.Samples, "*.yaml").Select(Path.GetFileName).ToHashSet();
        foreach (var expected in new[]
        {
            "basic-h264-ladder.yaml", "srt-primary-rtmp-backup.yaml", "nvidia-nvenc-profile.yaml",
            "template-two-streams.yaml", "rtmp-push-two-platforms.yaml", "demo.yaml",
        })
        {
            Assert.Contains(expected, files);
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_loads_validates_and_resolves(string file)
    {
        var set = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, file));
        Assert.Empty(set.Validate());
        Assert.NotEmpty(set.LiveStreams);
        foreach (var stream in set.LiveStreams)
        {
            var spec = set.Resolve(stream);
            Assert.Equal(stream.Metadata.Name, spec.Stream.Name);
            Assert.NotEmpty(spec.Inputs);
            Assert.NotEmpty(spec.Video.Renditions);
            Assert.Equal(spec, PipelineSpec.FromJson(spec.ToJson()));
            foreach (var secret in set.Secrets.SelectMany(s => s.DecodedValues().Values))
            {
                Assert.DoesNotContain(secret, spec.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, spec.ToRedactedJson(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Basic_sample_is_the_4_rung_h264_ladder_with_hls_and_dash()
    {
        var spec = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, "basic-h264-ladder.yaml")).Resolve("news-hd");
        Assert.Equal(["1080p", "720p", "480p", "360p"], spec.Video.Renditions.Select(r => r.Name));
        Assert.Equal([5_000_000L, 2_800_000L, 1_400_000L, 800_000L], spec.Video.Renditions.Select(r => r.Bitrate!.Value));
        Assert.Equal(VideoCodec.H264, spec.Video.Codec);
        Assert.Equal(2, spec.Video.GopSeconds);
        Assert.True(spec.Outputs.Hls.Enabled);
        Assert.True(spec.Outputs.Dash.Enabled);
        Assert.Equal("rtmp://0.0.0.0:1935/live/dummy-news-hd-key-change-me", spec.Inputs[0].Url);
        Assert.Equal(InputMode.Listen, spec.Inputs[0].Mode);
    }

    [Fact]
    public void Demo_sample_is_a_self_contained_standalone_stream()
    {
        var set = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, "demo.yaml"));
        var spec = set.Resolve();
        Assert.Equal("demo", spec.Stream.Name);
        var input = Assert.Single(spec.Inputs);
        Assert.Equal("rtmp://0.0.0.0:1935/live/demo", input.Url);
        Assert.Equal(InputMode.Listen, input.Mode);
        Assert.Equal("1", input.Options["listen"]);
        Assert.Equal(["640x360", "480x270", "320x180"], spec.Video.Renditions.Select(r => $"{r.Width}x{r.Height}"));
        Assert.Equal(HlsContainer.Fmp4, spec.Outputs.Hls.Container);
        Assert.Equal(2, spec.Outputs.Hls.SegmentDuration.TotalSeconds);
        Assert.True(spec.Outputs.Dash.Enabled);
    }

    [Fact]
    public void Template_sample_streams_inherit_and_override()
    {
        var set = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, "template-two-streams.yaml"));
        var a = set.Resolve("studio-a");
        var b = set.Resolve("studio-b");
        Assert.Equal(a.Video, b.Video);
        Assert.Equal(6, a.Outputs.Hls.Window);
        Assert.Equal(12, b.Outputs.Hls.Window);
        Assert.Equal(4, b.Outputs.Hls.SegmentDuration.TotalSeconds);
        Assert.True(a.Outputs.Dash.Enabled);
        Assert.False(b.Outputs.Dash.Enabled);
        Assert.Equal(1.5, a.Failover.InputTimeout.TotalSeconds);
        Assert.Equal(["main", "slate"], b.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void Push_sample_resolves_keys_from_secrets_and_masks_them()
    {
        var spec = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, "rtmp-push-two-platforms.yaml")).Resolve();
        var youtube = spec.Outputs.Push.Single(p => p.Name == "youtube");
        var twitch = spec.Outputs.Push.Single(p => p.Name == "twitch");
        Assert.Equal("rtmp://a.rtmp.youtube.com/live2/dummy-yt-key-0000-0000-0000", youtube.Url);
        Assert.Equal("1080p", youtube.Rendition);
        Assert.Equal("live_000000000_dummyDUMMYdummy", twitch.StreamKey);
        Assert.Equal("720p", twitch.Rendition);
        Assert.Contains("rtmp://a.rtmp.youtube.com/live2/****", spec.ToString(), StringComparison.Ordinal);
    }
}
