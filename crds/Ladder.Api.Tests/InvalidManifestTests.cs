using Ladder.Api.Manifests;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

/// <summary>
/// Invalid manifests, each producing exactly one clear message naming the field. A manifest goes through
/// what the runner's standalone mode does: read, validate every object, resolve every stream.
/// </summary>
public class InvalidManifestTests
{
    private const string Profile = """
        apiVersion: ladder.dev/v1alpha1
        kind: TranscodeProfile
        metadata:
          name: p
        spec:
          video:
            gopSeconds: 2
            renditions:
              - name: 720p
                width: 1280
                height: 720
                bitrate: 2800k
              - name: 360p
                width: 640
                height: 360
                bitrate: 800k
        ---

        """;

    private const string Stream = """
        apiVersion: ladder.dev/v1alpha1
        kind: LiveStream
        metadata:
          name: s
        spec:
        """;

    /// <summary>All problems a manifest produces: read, then validate, then resolve.</summary>
    internal static List<string> Problems(string yaml)
    {
        ManifestSet set;
        try
        {
            set = ManifestReader.Read(yaml, "case.yaml");
        }
        catch (ManifestException ex)
        {
            return [.. ex.Problems];
        }
        var problems = set.Validate().ToList();
        if (problems.Count > 0)
        {
            return problems;
        }
        foreach (var stream in set.LiveStreams)
        {
            try
            {
                set.Resolve(stream);
            }
            catch (SpecResolutionException ex)
            {
                problems.AddRange(ex.Errors.Select(e => $"LiveStream default/{stream.Metadata.Name}: {e}"));
            }
        }
        return problems;
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        {
            "unknown input scheme",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
                - name: backup
                  url: ftp://files.example.com/feed.ts
            """,
            "case.yaml:28:7: LiveStream default/s: spec.inputs[1].url: scheme \"ftp\" is not supported; use rtmp, srt, rtsp, http, https, udp or file"
        },
        {
            "duplicate input names",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: srt://encoder-a:9000
                - name: main
                  url: srt://encoder-b:9000
            """,
            "case.yaml:27:7: LiveStream default/s: spec.inputs[1].name: duplicate input name \"main\" (inputs[0] has it)"
        },
        {
            "negative bitrate",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - name: 720p
                    width: 1280
                    height: 720
                    bitrate: -500k
            """,
            "case.yaml:11:9: TranscodeProfile \"p\": spec.video.renditions[0].bitrate: bitrate \"-500k\" must not be negative"
        },
        {
            "rendition larger than the source cap",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                maxResolution: {width: 1920, height: 1080}
                renditions:
                  - name: 2160p
                    width: 3840
                    height: 2160
                    bitrate: 16M
                  - name: 1080p
                    width: 1920
                    height: 1080
                    bitrate: 5M
            """,
            "case.yaml:9:9: TranscodeProfile default/p: spec.video.renditions[0]: 3840x2160 is larger than maxResolution 1920x1080; the runner never upscales"
        },
        {
            "missing profile",
            Stream + """

              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
            """,
            "case.yaml:5:1: LiveStream default/s: spec.profileRef: a profile is required; set spec.profileRef or spec.profile"
        },
        {
            "two passthrough renditions",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - name: source
                    passthrough: true
                  - name: source-copy
                    passthrough: true
                  - name: 360p
                    width: 640
                    height: 360
                    bitrate: 800k
            """,
            "case.yaml:11:9: TranscodeProfile default/p: spec.video.renditions[1].passthrough: at most one rendition may be passthrough; renditions[0] already is"
        },
        {
            "profileRef and inline profile",
            Profile + Stream + """

              profileRef: {name: p}
              profile:
                video:
                  renditions:
                    - {name: 360p, width: 640, height: 360, bitrate: 800k}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
            """,
            "case.yaml:24:3: LiveStream default/s: spec.profile: set either spec.profileRef or spec.profile, not both"
        },
        {
            "segment duration not a multiple of the GOP",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                hls:
                  segmentDuration: 5s
            """,
            "LiveStream default/s: spec.outputs.hls.segmentDuration: 5s is not a whole multiple of the GOP (2s); segments are cut on keyframes, so use 4s or 6s (the GOP is from TranscodeProfile \"p\")"
        },
        {
            "stream key in the push URL",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: youtube
                    url: rtmp://a.rtmp.youtube.com/live2?key=abcd-efgh
            """,
            "case.yaml:30:9: LiveStream default/s: spec.outputs.push[0].url: contains a secret (key=); put the stream key in a Secret and use streamKey.secretKeyRef"
        },
        {
            "stream key on a udp push target",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: multicast
                    url: udp://239.1.1.1:5000
                    streamKey: {secretKeyRef: {name: yt, key: streamKey}}
            """,
            "case.yaml:31:9: LiveStream default/s: spec.outputs.push[0].streamKey: streamKey.secretKeyRef does not apply to udp targets: UDP carries no stream key; remove streamKey"
        },
        {
            "udp push target without a port",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: multicast
                    url: udp://239.1.1.1
            """,
            "case.yaml:30:9: LiveStream default/s: spec.outputs.push[0].url: \"udp://239.1.1.1\" has no port; use udp://239.1.1.1:PORT"
        },
        {
            "ttl on a unicast udp push target",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: playout
                    url: udp://10.0.0.7:5000?ttl=4
            """,
            "case.yaml:30:9: LiveStream default/s: spec.outputs.push[0].url: ttl applies only to multicast destinations (224.0.0.0/4)"
        },
        {
            "unsupported scheme on a push target",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: web
                    url: https://cdn.example/live
            """,
            "case.yaml:30:9: LiveStream default/s: spec.outputs.push[0].url: scheme \"https\" is not supported; use rtmp, rtmps, srt or udp"
        },
        {
            "push rendition not in the profile",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: youtube
                    url: rtmp://a.rtmp.youtube.com/live2
                    rendition: 1080p
            """,
            "LiveStream default/s: spec.outputs.push[0].rendition: no rendition \"1080p\" in the profile; use 720p or 360p (TranscodeProfile \"p\")"
        },
        {
            "referenced profile does not exist",
            Stream + """

              profileRef: {name: missing}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
            """,
            "LiveStream default/s: spec.profileRef.name: TranscodeProfile \"missing\" not found in namespace \"default\""
        },
        {
            "stream key Secret does not exist",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: youtube
                    url: rtmp://a.rtmp.youtube.com/live2
                    streamKey:
                      secretKeyRef: {name: yt, key: streamKey}
            """,
            "LiveStream default/s: spec.outputs.push[0].streamKey.secretKeyRef: Secret \"yt\" not found"
        },
        {
            "stream key Secret lacks the key",
            Profile + """
            apiVersion: v1
            kind: Secret
            metadata:
              name: yt
            stringData:
              key: dummy
            ---
            """ + "\n" + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                push:
                  - name: youtube
                    url: rtmp://a.rtmp.youtube.com/live2
                    streamKey:
                      secretKeyRef: {name: yt, key: streamKey}
            """,
            "LiveStream default/s: spec.outputs.push[0].streamKey.secretKeyRef: Secret \"yt\" has no key \"streamKey\""
        },
        {
            "maxBitrate below bitrate",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 1080p, width: 1920, height: 1080, bitrate: 5M, maxBitrate: 4M}
            """,
            "case.yaml:8:63: TranscodeProfile default/p: spec.video.renditions[0].maxBitrate: 4M is below bitrate 5M"
        },
        {
            "odd width",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 720p, width: 1279, height: 720, bitrate: 2800k}
            """,
            "case.yaml:8:22: TranscodeProfile default/p: spec.video.renditions[0].width: 1279 must be even (4:2:0 chroma)"
        },
        {
            "rendition too large for its level",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 1080p, width: 1920, height: 1080, bitrate: 5M, level: "3.1"}
            """,
            "case.yaml:8:63: TranscodeProfile default/p: spec.video.renditions[0].level: 1920x1080 does not fit H.264 level 3.1 (at most 3600 macroblocks per frame; this needs 8160)"
        },
        {
            "opus at 44.1 kHz",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 360p, width: 640, height: 360, bitrate: 800k}
              audio:
                codec: opus
                sampleRate: 44100
            """,
            "case.yaml:11:5: TranscodeProfile default/p: spec.audio.sampleRate: opus audio is always 48000 Hz; remove sampleRate or set 48000 (got 44100)"
        },
        {
            "duration without unit",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              failover:
                inputTimeout: "1 second"
            """,
            "case.yaml:28:5: LiveStream \"s\": spec.failover.inputTimeout: duration \"1 second\" is not valid; use a number with a unit like 1s, 250ms, 2m or 1h30m"
        },
        {
            "unknown field",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  uri: rtmp://0.0.0.0:1935/live
            """,
            "case.yaml:26:7: LiveStream \"s\": spec.inputs[0].uri: unknown field"
        },
        {
            "unsupported codec",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                codec: av1
                renditions:
                  - {name: 360p, width: 640, height: 360, bitrate: 800k}
            """,
            "case.yaml:7:5: TranscodeProfile \"p\": spec.video.codec: unsupported value \"av1\"; use h264 or hevc"
        },
        {
            "encoded rendition without bitrate",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 360p, width: 640, height: 360}
            """,
            "case.yaml:8:9: TranscodeProfile default/p: spec.video.renditions[0].bitrate: required for an encoded rendition (or set passthrough: true)"
        },
        {
            "listen on an HLS input",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: origin
                  url: https://origin.example.com/live/master.m3u8
                  mode: listen
            """,
            "case.yaml:27:7: LiveStream default/s: spec.inputs[0].mode: a https input can only pull; remove mode or set pull"
        },
        {
            "template does not exist",
            Stream + """

              templateRef: {name: studio}
            """,
            "LiveStream default/s: spec.templateRef.name: Template \"studio\" not found in namespace \"default\""
        },
        {
            "x264 preset on NVENC",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                hardware: nvidia
                preset: veryfast
                renditions:
                  - {name: 360p, width: 640, height: 360, bitrate: 800k}
            """,
            "case.yaml:8:5: TranscodeProfile default/p: spec.video.preset: \"veryfast\" is not a h264_nvenc preset; use p1, p2, p3, p4, p5, p6 or p7"
        },
        {
            "every output disabled",
            Profile + Stream + """

              profileRef: {name: p}
              inputs:
                - name: main
                  url: rtmp://0.0.0.0:1935/live
              outputs:
                hls: {enabled: false}
            """,
            "LiveStream default/s: spec.outputs: every output is disabled; enable hls or dash, or add a push target"
        },
        {
            "no inputs",
            Profile + Stream + """

              profileRef: {name: p}
            """,
            "case.yaml:22:1: LiveStream default/s: spec.inputs: at least one input is required"
        },
        {
            "unknown kind",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec: {}
            """,
            "case.yaml:2:1: kind \"Deployment\" (apps/v1) is not supported; a manifest holds LiveStream, TranscodeProfile and Template (ladder.dev/v1alpha1) and Secret (v1)"
        },
        {
            "wrong type for width",
            """
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata:
              name: p
            spec:
              video:
                renditions:
                  - {name: 360p, width: "640", height: 360, bitrate: 800k}
            """,
            "case.yaml:8:22: TranscodeProfile \"p\": spec.video.renditions[0].width: wrong type; expected an integer"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_manifest_gives_one_clear_message(string name, string yaml, string expected)
    {
        var problems = Problems(yaml);
        Assert.True(problems.Count == 1, $"{name}: expected one problem, got {problems.Count}:\n{string.Join("\n", problems)}");
        Assert.Equal(expected, problems[0]);
    }

    [Fact]
    public void There_are_at_least_a_dozen_cases() => Assert.True(Cases().Count >= 12);
}
