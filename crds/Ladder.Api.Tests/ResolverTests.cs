using System.Text.Json;
using Ladder.Api.Manifests;
using Ladder.Api.Meta;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Resolution;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

public class ResolverTests
{
    private static T Parse<T>(string yaml) where T : class =>
        (T)(object)ManifestReader.Read(yaml, "test.yaml").Objects.Single().Object;

    private static LiveStream Stream(string specYaml) => Parse<LiveStream>(
        "apiVersion: ladder.dev/v1alpha1\nkind: LiveStream\nmetadata:\n  name: s\n  namespace: media\n  generation: 7\nspec:\n" + Indent(specYaml));

    private static Template TemplateOf(string specYaml) => Parse<Template>(
        "apiVersion: ladder.dev/v1alpha1\nkind: Template\nmetadata:\n  name: t\n  namespace: media\nspec:\n" + Indent(specYaml));

    private static TranscodeProfile ProfileOf(string specYaml, string name = "p") => Parse<TranscodeProfile>(
        $"apiVersion: ladder.dev/v1alpha1\nkind: TranscodeProfile\nmetadata:\n  name: {name}\n  namespace: media\nspec:\n" + Indent(specYaml));

    private static string Indent(string yaml) => string.Join("\n", yaml.Split('\n').Select(l => "  " + l));

    private const string TwoRungs = """
        video:
          renditions:
            - {name: 720p, width: 1280, height: 720, bitrate: 2800k}
            - {name: 360p, width: 640, height: 360, bitrate: 800k}
        """;

    private static readonly TranscodeProfile P = ProfileOf(TwoRungs);

    private static readonly ISecretSource NoSecrets = DictionarySecretSource.Empty;

    private static IReadOnlyList<string> Errors(Action resolve) =>
        [.. Assert.Throws<SpecResolutionException>(resolve).Errors.Select(e => e.ToString())];

    [Fact]
    public void Minimal_stream_gets_every_default()
    {
        var spec = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'rtmp://0.0.0.0/live'}"), null, P, NoSecrets);

        Assert.Equal(PipelineSpec.CurrentApiVersion, spec.ApiVersion);
        Assert.Equal(7, spec.Generation);
        Assert.Equal(new StreamIdentity("media", "s"), spec.Stream);
        Assert.False(spec.Paused);
        var input = Assert.Single(spec.Inputs);
        Assert.Equal(new PipelineInput("main", InputProtocol.Rtmp, InputMode.Listen, "rtmp://0.0.0.0/live", ValueMap.Empty.With("listen", "1")), input);
        Assert.Equal(new PipelineFailover(Duration.FromSeconds(1), Duration.FromSeconds(10)), spec.Failover);
        Assert.Equal(new PipelineVideo(VideoCodec.H264, HardwareAcceleration.None, "libx264", "veryfast", 2, ValueList.Of(
            new PipelineRendition("720p") { Width = 1280, Height = 720, Bitrate = 2_800_000, MaxBitrate = 2_996_000, BufferSize = 4_200_000, Profile = VideoProfile.High },
            new PipelineRendition("360p") { Width = 640, Height = 360, Bitrate = 800_000, MaxBitrate = 856_000, BufferSize = 1_200_000, Profile = VideoProfile.High })), spec.Video);
        Assert.Equal(new PipelineAudio(AudioCodec.Aac, "aac", 128_000, 2, 48_000), spec.Audio);
        Assert.Equal(new PipelineHls(true, Duration.FromSeconds(4), 6, HlsContainer.Fmp4), spec.Outputs.Hls);
        Assert.Equal(new PipelineDash(false, Duration.FromSeconds(4), 6), spec.Outputs.Dash);
        Assert.Empty(spec.Outputs.Push);
    }

    public static TheoryData<string, VideoCodec, HardwareAcceleration, string, string?, VideoProfile> EncoderCases() => new()
    {
        { "codec: h264\nhardware: none", VideoCodec.H264, HardwareAcceleration.None, "libx264", "veryfast", VideoProfile.High },
        { "codec: hevc", VideoCodec.Hevc, HardwareAcceleration.None, "libx265", "veryfast", VideoProfile.Main },
        { "hardware: nvidia", VideoCodec.H264, HardwareAcceleration.Nvidia, "h264_nvenc", "p4", VideoProfile.High },
        { "codec: hevc\nhardware: nvidia\npreset: p6", VideoCodec.Hevc, HardwareAcceleration.Nvidia, "hevc_nvenc", "p6", VideoProfile.Main },
        { "hardware: vaapi", VideoCodec.H264, HardwareAcceleration.Vaapi, "h264_vaapi", null, VideoProfile.High },
        { "codec: hevc\nhardware: qsv\npreset: medium", VideoCodec.Hevc, HardwareAcceleration.Qsv, "hevc_qsv", "medium", VideoProfile.Main },
    };

    [Theory]
    [MemberData(nameof(EncoderCases))]
    public void Codec_and_hardware_pick_the_encoder_preset_and_profile(string videoYaml, VideoCodec codec, HardwareAcceleration hw, string encoder, string? preset, VideoProfile profile)
    {
        var p = ProfileOf("video:\n" + Indent(videoYaml) + "\n  renditions:\n    - {name: 360p, width: 640, height: 360, bitrate: 800k}");
        var spec = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}"), null, p, NoSecrets);
        Assert.Equal((codec, hw, encoder, preset), (spec.Video.Codec, spec.Video.Hardware, spec.Video.Encoder, spec.Video.Preset));
        Assert.Equal(profile, spec.Video.Renditions[0].Profile);
    }

    public static TheoryData<string, InputProtocol, InputMode, string, string> InputCases() => new()
    {
        { "rtmp://0.0.0.0:1935/live", InputProtocol.Rtmp, InputMode.Listen, "rtmp://0.0.0.0:1935/live", "listen=1" },
        { "rtmp://origin.example.com/live/feed", InputProtocol.Rtmp, InputMode.Pull, "rtmp://origin.example.com/live/feed", "" },
        { "srt://0.0.0.0:9000", InputProtocol.Srt, InputMode.Listen, "srt://0.0.0.0:9000", "latency=200000,mode=listener" },
        { "srt://encoder.example.net:9000", InputProtocol.Srt, InputMode.Pull, "srt://encoder.example.net:9000", "latency=200000,mode=caller" },
        { "rtsp://camera-1/stream", InputProtocol.Rtsp, InputMode.Pull, "rtsp://camera-1/stream", "rtsp_transport=tcp" },
        { "https://origin.example.com/live/master.m3u8", InputProtocol.Hls, InputMode.Pull, "https://origin.example.com/live/master.m3u8", "" },
        { "udp://239.1.1.1:5000", InputProtocol.Udp, InputMode.Pull, "udp://239.1.1.1:5000", "overrun_nonfatal=1" },
        { "udp://0.0.0.0:5000", InputProtocol.Udp, InputMode.Listen, "udp://0.0.0.0:5000", "overrun_nonfatal=1" },
        { "file:///media/loop.mp4", InputProtocol.File, InputMode.Pull, "file:///media/loop.mp4", "" },
    };

    [Theory]
    [MemberData(nameof(InputCases))]
    public void Input_protocol_mode_and_options_follow_the_url(string url, InputProtocol protocol, InputMode mode, string resolvedUrl, string options)
    {
        var spec = PipelineResolver.Resolve(Stream($"profileRef: {{name: p}}\ninputs:\n  - {{name: main, url: '{url}'}}"), null, P, NoSecrets);
        var input = spec.Inputs[0];
        Assert.Equal((protocol, mode, resolvedUrl), (input.Protocol, input.Mode, input.Url));
        Assert.Equal(options, string.Join(",", input.Options.Select(o => o.Key + "=" + o.Value)));
    }

    [Fact]
    public void Explicit_mode_and_options_win_over_the_derived_ones()
    {
        var spec = PipelineResolver.Resolve(Stream("""
            profileRef: {name: p}
            inputs:
              - name: main
                url: srt://enc.example.net:9000
                mode: listen
                srt: {latency: 1s}
                options: {latency: "300000", rcvbuf: "1048576"}
            """), null, P, NoSecrets);
        Assert.Equal(InputMode.Listen, spec.Inputs[0].Mode);
        Assert.Equal("latency=300000,mode=listener,rcvbuf=1048576", string.Join(",", spec.Inputs[0].Options.Select(o => o.Key + "=" + o.Value)));
    }

    [Fact]
    public void Stream_keys_and_passphrases_come_from_secrets()
    {
        var secrets = DictionarySecretSource.Of(("ingest", "key", "abc123"), ("ingest", "pass", "0123456789ab"), ("yt", "streamKey", "yt-key"));
        var spec = PipelineResolver.Resolve(Stream("""
            profileRef: {name: p}
            inputs:
              - name: main
                url: rtmp://0.0.0.0:1935/live
                streamKey: {secretKeyRef: {name: ingest, key: key}}
              - name: backup
                url: srt://0.0.0.0:9000
                streamKey: {secretKeyRef: {name: ingest, key: key}}
                srt: {passphrase: {secretKeyRef: {name: ingest, key: pass}}}
            outputs:
              push:
                - name: youtube
                  url: rtmp://a.rtmp.youtube.com/live2/
                  streamKey: {secretKeyRef: {name: yt, key: streamKey}}
                - name: backup-cdn
                  url: srt://cdn.example.com:7000
                  rendition: 360p
            """), null, P, secrets);
        Assert.Equal("rtmp://0.0.0.0:1935/live/abc123", spec.Inputs[0].Url);
        Assert.Equal("abc123", spec.Inputs[0].StreamKey);
        Assert.Equal("srt://0.0.0.0:9000", spec.Inputs[1].Url);
        Assert.Equal(("abc123", "0123456789ab"), (spec.Inputs[1].StreamKey, spec.Inputs[1].Passphrase));
        var yt = spec.Outputs.Push[0];
        Assert.Equal(("rtmp://a.rtmp.youtube.com/live2/yt-key", "720p", PushProtocol.Rtmp, false), (yt.Url, yt.Rendition, yt.Protocol, yt.Passthrough));
        var cdn = spec.Outputs.Push[1];
        Assert.Equal((PushProtocol.Srt, "360p", "caller"), (cdn.Protocol, cdn.Rendition, cdn.Options["mode"]));

        var redacted = spec.ToString();
        Assert.DoesNotContain("abc123", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789ab", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("yt-key", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("yt-key", yt.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", spec.Inputs[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("rtmp://0.0.0.0:1935/live/****", redacted, StringComparison.Ordinal);
        Assert.Contains("yt-key", spec.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Push_defaults_to_the_top_rendition_and_flags_passthrough()
    {
        var p = ProfileOf("video:\n  renditions:\n    - {name: source, passthrough: true}\n    - {name: 360p, width: 640, height: 360, bitrate: 800k}");
        var spec = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}\noutputs:\n  push:\n    - {name: cdn, url: 'rtmp://cdn/live'}"), null, p, NoSecrets);
        Assert.Equal(("source", true), (spec.Outputs.Push[0].Rendition, spec.Outputs.Push[0].Passthrough));
        Assert.Equal(new PipelineRendition("source") { Passthrough = true }, spec.Video.Renditions[0]);
    }

    [Fact]
    public void Udp_push_target_resolves_to_the_udp_protocol_with_its_query_as_options()
    {
        var p = ProfileOf("video:\n  renditions:\n    - {name: 360p, width: 640, height: 360, bitrate: 800k}");
        var spec = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}\noutputs:\n  push:\n    - {name: mc, url: 'udp://239.1.1.1:5000?ttl=4&localaddr=10.0.0.5'}"), null, p, NoSecrets);
        var mc = spec.Outputs.Push[0];
        Assert.Equal((PushProtocol.Udp, "udp://239.1.1.1:5000", "360p"), (mc.Protocol, mc.Url, mc.Rendition));
        Assert.Equal(new ValueMap([new("localaddr", "10.0.0.5"), new("ttl", "4")]), mc.Options);
        Assert.Null(mc.StreamKey);
    }

    [Fact]
    public void Inline_profile_resolves_like_the_same_profile_by_reference()
    {
        var byRef = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}"), null, P, NoSecrets);
        var inline = PipelineResolver.Resolve(Stream("profile:\n" + Indent(TwoRungs) + "\ninputs:\n  - {name: main, url: 'srt://enc:9000'}"), null, null, NoSecrets);
        Assert.Equal(byRef, inline);
    }

    // Inheritance: (template spec, stream spec, what to check on the result).
    public static TheoryData<string, string, string, string> InheritanceCases() => new()
    {
        {
            "scalars are inherited one by one; the stream's own values win",
            "profileRef: {name: p}\ninputs:\n  - {name: t, url: 'srt://t:9000'}\nfailover: {inputTimeout: 3s, failbackDelay: 1m}",
            "failover: {failbackDelay: 5s}",
            "failover=3s/5s"
        },
        {
            "lists are replaced as a whole",
            "profileRef: {name: p}\ninputs:\n  - {name: a, url: 'srt://a:9000'}\n  - {name: b, url: 'srt://b:9000'}",
            "inputs:\n  - {name: c, url: 'srt://c:9000'}",
            "inputs=c"
        },
        {
            "lists the stream leaves unset come whole from the template",
            "profileRef: {name: p}\ninputs:\n  - {name: a, url: 'srt://a:9000'}\n  - {name: b, url: 'srt://b:9000'}",
            "paused: true",
            "inputs=a,b paused=True"
        },
        {
            "objects are merged field by field",
            "profileRef: {name: p}\ninputs:\n  - {name: t, url: 'srt://t:9000'}\noutputs:\n  hls: {segmentDuration: 6s, window: 10, container: ts}\n  dash: {window: 4}",
            "outputs:\n  hls: {window: 3}",
            "hls=6s/3/Ts dash=True/4"
        },
        {
            "the stream's false overrides the template's true",
            "profileRef: {name: p}\ninputs:\n  - {name: t, url: 'srt://t:9000'}\npaused: true\noutputs:\n  dash: {}",
            "paused: false\noutputs:\n  dash: {enabled: false}",
            "paused=False dash=False/6"
        },
        {
            "an inline profile in the stream replaces the template's profileRef",
            "profileRef: {name: does-not-matter}\ninputs:\n  - {name: t, url: 'srt://t:9000'}",
            "profile:\n  video:\n    gopSeconds: 3\n    renditions:\n      - {name: 240p, width: 426, height: 240, bitrate: 400k}",
            "renditions=240p gop=3"
        },
        {
            "a profileRef in the stream replaces the template's inline profile",
            "profile:\n  video:\n    renditions:\n      - {name: 240p, width: 426, height: 240, bitrate: 400k}\ninputs:\n  - {name: t, url: 'srt://t:9000'}",
            "profileRef: {name: p}",
            "renditions=720p,360p gop=2"
        },
        {
            "the profile can come from the template",
            "profileRef: {name: p}",
            "inputs:\n  - {name: s, url: 'srt://s:9000'}",
            "inputs=s renditions=720p,360p"
        },
    };

    [Theory]
    [MemberData(nameof(InheritanceCases))]
    public void Template_inheritance(string name, string templateSpec, string streamSpec, string expected)
    {
        var stream = Stream("templateRef: {name: t}\n" + streamSpec);
        var template = TemplateOf(templateSpec);
        var profile = TemplateMerger.MergeSpec(stream.Spec!, template.Spec).ProfileRef is null ? null : P;
        var spec = PipelineResolver.Resolve(stream, template, profile, NoSecrets);
        foreach (var check in expected.Split(' '))
        {
            var (key, value) = (check.Split('=')[0], check.Split('=')[1]);
            var actual = key switch
            {
                "failover" => $"{spec.Failover.InputTimeout}/{spec.Failover.FailbackDelay}",
                "inputs" => string.Join(",", spec.Inputs.Select(i => i.Name)),
                "paused" => spec.Paused.ToString(),
                "hls" => $"{spec.Outputs.Hls.SegmentDuration}/{spec.Outputs.Hls.Window}/{spec.Outputs.Hls.Container}",
                "dash" => $"{spec.Outputs.Dash.Enabled}/{spec.Outputs.Dash.Window}",
                "renditions" => string.Join(",", spec.Video.Renditions.Select(r => r.Name)),
                "gop" => spec.Video.GopSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new ArgumentException(key),
            };
            Assert.True(value == actual, $"{name}: {key} is {actual}, expected {value}");
        }
    }

    [Fact]
    public void Merge_reports_the_inherited_fields_and_changes_neither_input()
    {
        var stream = Stream("templateRef: {name: t}\noutputs:\n  hls: {window: 3}");
        var template = TemplateOf("profileRef: {name: p}\ninputs:\n  - {name: t, url: 'srt://t:9000'}\noutputs:\n  hls: {segmentDuration: 6s}");
        var before = (JsonSerializer.Serialize(stream, WireJson.Options), JsonSerializer.Serialize(template, WireJson.Options));
        var (merged, inherited) = TemplateMerger.Merge(stream.Spec!, template.Spec);
        Assert.Equal(["spec.inputs", "spec.outputs.hls.segmentDuration", "spec.profileRef"], inherited);
        Assert.Equal(3, merged.Outputs!.Hls!.Window);
        Assert.Equal("t", merged.TemplateRef!.Name);
        Assert.Equal(before, (JsonSerializer.Serialize(stream, WireJson.Options), JsonSerializer.Serialize(template, WireJson.Options)));
    }

    [Fact]
    public void Resolve_is_pure_and_repeatable()
    {
        var stream = Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}");
        var json = JsonSerializer.Serialize(stream, WireJson.Options);
        var a = PipelineResolver.Resolve(stream, null, P, NoSecrets);
        var b = PipelineResolver.Resolve(stream, null, P, NoSecrets);
        Assert.Equal(a, b);
        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.Equal(json, JsonSerializer.Serialize(stream, WireJson.Options));
    }

    [Fact]
    public void Generation_can_be_given_explicitly()
    {
        var spec = PipelineResolver.Resolve(Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}"), null, P, NoSecrets, 42);
        Assert.Equal(42, spec.Generation);
    }

    public static TheoryData<string, string?, string, string[]> ErrorCases() => new()
    {
        {
            "errors in fields inherited from the template say so",
            "profileRef: {name: p}\ninputs:\n  - {name: t, url: 'srt://t:9000'}\noutputs:\n  hls: {segmentDuration: 3s}",
            "templateRef: {name: t}",
            ["spec.outputs.hls.segmentDuration: 3s is not a whole multiple of the GOP (2s); segments are cut on keyframes, so use 2s or 4s (the GOP is from TranscodeProfile \"p\") (inherited from Template \"t\")"]
        },
        {
            "an invalid template is reported on the reference",
            "inputs:\n  - {name: t, url: 'ftp://t/x'}",
            "templateRef: {name: t}\nprofileRef: {name: p}",
            ["spec.templateRef.name: Template \"t\" is invalid: spec.inputs[0].url: scheme \"ftp\" is not supported; use rtmp, srt, rtsp, http, https, udp or file"]
        },
        {
            "a stream and template without inputs",
            "profileRef: {name: p}",
            "templateRef: {name: t}",
            ["spec.inputs: at least one input is required (here or in Template \"t\")"]
        },
        {
            "a stream and template without profile",
            "inputs:\n  - {name: t, url: 'srt://t:9000'}",
            "templateRef: {name: t}",
            ["spec.profileRef: a profile is required; set spec.profileRef or spec.profile (here or in Template \"t\")"]
        },
        {
            "every problem is reported, not only the first",
            null,
            "profileRef: {name: p}\ninputs:\n  - {name: a, url: 'ftp://x/y'}\n  - {name: Bad_Name, url: 'srt://b:9000'}\nfailover: {inputTimeout: 10ms}",
            [
                "spec.inputs[0].url: scheme \"ftp\" is not supported; use rtmp, srt, rtsp, http, https, udp or file",
                "spec.inputs[1].name: \"Bad_Name\" is not a valid name; use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 32 characters",
                "spec.failover.inputTimeout: 10ms is out of range; use 100ms to 60s",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Resolution_errors(string name, string? templateSpec, string streamSpec, string[] expected)
    {
        var template = templateSpec is null ? null : TemplateOf(templateSpec);
        var stream = Stream(streamSpec);
        var errors = Errors(() => PipelineResolver.Resolve(stream, template, P, NoSecrets));
        Assert.True(expected.SequenceEqual(errors), $"{name}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Passing_the_wrong_profile_or_template_is_a_programming_error()
    {
        var stream = Stream("profileRef: {name: p}\ninputs:\n  - {name: main, url: 'srt://enc:9000'}");
        Assert.Throws<ArgumentException>(() => PipelineResolver.Resolve(stream, null, ProfileOf(TwoRungs, "other"), NoSecrets));
        Assert.Throws<ArgumentException>(() => PipelineResolver.Resolve(stream, TemplateOf("paused: true"), P, NoSecrets));
    }

    [Fact]
    public void Exception_message_lists_every_error()
    {
        var ex = Assert.Throws<SpecResolutionException>(() => PipelineResolver.Resolve(
            Stream("profileRef: {name: p}\ninputs:\n  - {name: a, url: 'ftp://x/y'}\n  - {name: a, url: 'srt://b:9000'}"), null, P, NoSecrets));
        Assert.Equal("""
            2 problems:
              spec.inputs[0].url: scheme "ftp" is not supported; use rtmp, srt, rtsp, http, https, udp or file
              spec.inputs[1].name: duplicate input name "a" (inputs[0] has it)
            """.ReplaceLineEndings("\n"), ex.Message);
    }
}
