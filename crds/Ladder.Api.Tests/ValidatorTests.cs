using k8s.Models;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

/// <summary>The validators on objects built in code, as the operator's webhook and the runner call them.</summary>
public class ValidatorTests
{
    private static LiveStream Valid() => new()
    {
        Metadata = new V1ObjectMeta { Name = "news", NamespaceProperty = "media" },
        Spec = new LiveStreamSpec
        {
            ProfileRef = new LocalObjectReference { Name = "hd" },
            Inputs = [new StreamInput { Name = "main", Url = "srt://0.0.0.0:9000" }],
        },
    };

    [Fact]
    public void A_valid_stream_has_no_errors() =>
        Assert.Empty(new LiveStreamValidator().Validate(Valid()).ToFieldErrors());

    [Fact]
    public void Errors_name_the_field_in_camel_case()
    {
        var stream = Valid();
        stream.Metadata.Name = "News_HD";
        stream.Spec!.Inputs!.Add(new StreamInput { Name = "backup", Url = "ftp://x/y" });
        stream.Spec.Outputs = new OutputSpec { Hls = new HlsOutput { Window = 1 } };
        var errors = new LiveStreamValidator().Validate(stream).ToFieldErrors().Select(e => e.ToString());
        Assert.Equal(
        [
            "metadata.name: \"News_HD\" is not a valid name: it names the runner Service, so it must be a DNS-1035 label: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
            "spec.inputs[1].url: scheme \"ftp\" is not supported; use rtmp, srt, rtsp, http, https, udp or file",
            "spec.outputs.hls.window: 1 is out of range; use 2 to 100 segments",
        ], errors);
    }

    [Fact]
    public void Template_fields_are_all_optional_but_checked_when_set()
    {
        var template = new Template { Metadata = new V1ObjectMeta { Name = "t" }, Spec = new TemplateSpec() };
        Assert.Empty(new TemplateValidator().Validate(template).ToFieldErrors());
        template.Spec.Failover = new FailoverSpec { InputTimeout = Duration.FromMilliseconds(50) };
        Assert.Equal(["spec.failover.inputTimeout: 50ms is out of range; use 100ms to 60s"],
            new TemplateValidator().Validate(template).ToFieldErrors().Select(e => e.ToString()));
    }

    [Fact]
    public void Profile_validator_checks_codec_profiles_and_levels()
    {
        var profile = new TranscodeProfile
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new TranscodeProfileSpec
            {
                Video = new VideoSpec
                {
                    Codec = VideoCodec.Hevc,
                    Renditions =
                    [
                        new Rendition { Name = "2160p", Width = 3840, Height = 2160, Bitrate = Bitrate.Parse("16M"), Level = "5.1", Profile = VideoProfile.Main10 },
                        new Rendition { Name = "1080p", Width = 1920, Height = 1080, Bitrate = Bitrate.Parse("6M"), Profile = VideoProfile.High },
                        new Rendition { Name = "720p", Width = 1280, Height = 720, Bitrate = Bitrate.Parse("3M"), Level = "3" },
                    ],
                },
            },
        };
        Assert.Equal(
        [
            "spec.video.renditions[1].profile: high is not a HEVC profile; use main or main10",
            "spec.video.renditions[2].level: 1280x720 does not fit HEVC level 3 (at most 552960 luma samples per frame; this needs 921600)",
        ], new TranscodeProfileValidator().Validate(profile).ToFieldErrors().Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("1news")]
    [InlineData("-news")]
    [InlineData("news-")]
    [InlineData("news.hd")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890abcd")]
    public void A_stream_name_that_is_not_a_dns1035_label_is_rejected_naming_metadata_name(string name)
    {
        var stream = Valid();
        stream.Metadata.Name = name;
        var error = Assert.Single(new LiveStreamValidator().Validate(stream).ToFieldErrors());
        Assert.Equal("metadata.name", error.Path);
        Assert.Contains("DNS-1035 label", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("news-hd-2")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012c")]
    public void A_stream_name_that_is_a_dns1035_label_is_accepted(string name)
    {
        var stream = Valid();
        stream.Metadata.Name = name;
        Assert.Empty(new LiveStreamValidator().Validate(stream).ToFieldErrors());
    }

    [Theory]
    [InlineData("Spec.Inputs[1].Url", "spec.inputs[1].url")]
    [InlineData("Spec.Video.Renditions[0].MaxBitrate", "spec.video.renditions[0].maxBitrate")]
    [InlineData("Metadata.Name", "metadata.name")]
    [InlineData("", "")]
    public void Property_paths_become_field_paths(string property, string field) =>
        Assert.Equal(field, ValidationResultExtensions.CamelPath(property));

    [Fact]
    public void The_pipeline_validator_is_the_runners_check() =>
        Assert.Empty(new PipelineSpecValidator().Validate(PipelineSpecTests.Sample()).ToFieldErrors());
}
