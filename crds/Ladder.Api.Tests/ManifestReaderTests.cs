using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Api.Manifests;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Tests;

public class ManifestReaderTests
{
    [Fact]
    public void Reads_every_kind_from_a_multi_document_file()
    {
        var set = ManifestReader.Read("""
            # leading comment and an empty document
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: TranscodeProfile
            metadata: {name: p, namespace: media}
            spec:
              video:
                renditions: [{name: 360p, width: 640, height: 360, bitrate: 800k}]
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: Template
            metadata: {name: t, namespace: media}
            spec:
              profileRef: {name: p}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: keys, namespace: media}
            data:
              a: YWFh
              b: YmJi
            stringData:
              b: override
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: {name: s, namespace: media, labels: {team: news}}
            spec:
              templateRef: {name: t}
              inputs: [{name: main, url: 'rtmp://0.0.0.0:1935/live', streamKey: {secretKeyRef: {name: keys, key: a}}}]
            ...
            """, "multi.yaml");
        Assert.Equal(["TranscodeProfile", "Template", "Secret", "LiveStream"], set.Objects.Select(o => o.Kind));
        Assert.Equal([3, 10, 16, 25], set.Objects.Select(o => o.Line));
        Assert.Equal("news", set.LiveStreams[0].Metadata.Labels!["team"]);
        Assert.Equal("aaa", set.SecretsIn("media").GetValue("keys", "a"));
        Assert.Equal("override", set.SecretsIn("media").GetValue("keys", "b"));
        Assert.Null(set.SecretsIn("default").GetValue("keys", "a"));
        var spec = set.Resolve();
        Assert.Equal("rtmp://0.0.0.0:1935/live/aaa", spec.Inputs[0].Url);
        Assert.Equal(new Ladder.Api.Pipeline.StreamIdentity("media", "s"), spec.Stream);
    }

    [Fact]
    public void Objects_without_namespace_are_in_default()
    {
        var set = ManifestReader.Read("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {k: v}\n");
        Assert.Equal("default", set.Objects[0].Namespace);
        Assert.Equal("v", set.SecretsIn("default").GetValue("x", "k"));
    }

    public static TheoryData<string, string> BadManifests() => new()
    {
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "f.yaml:2:1: kind \"ConfigMap\" (v1) is not supported; a manifest holds LiveStream, TranscodeProfile and Template (ladder.dev/v1alpha1) and Secret (v1)" },
        { "apiVersion: ladder.dev/v1beta1\nkind: LiveStream\nmetadata: {name: s}\n", "f.yaml:2:1: kind \"LiveStream\" (ladder.dev/v1beta1) is not supported; this version reads ladder.dev/v1alpha1; a manifest holds LiveStream, TranscodeProfile and Template (ladder.dev/v1alpha1) and Secret (v1)" },
        { "kind: LiveStream\nmetadata: {name: s}\n", "f.yaml:1:1: document 1 has no apiVersion (or it is not a string); every object needs apiVersion and kind" },
        { "apiVersion: ladder.dev/v1alpha1\nkind: LiveStream\nmetadata: {}\n", "f.yaml:3:1: LiveStream: metadata.name: required" },
        { "- a\n- b\n", "f.yaml:1:1: document 1 is not an object" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\ndata: {k: '%%%'}\n", "f.yaml:4:8: Secret \"x\": data.k: not valid base64 (use stringData for plain text)" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {k: 12}\n", "f.yaml:4:14: Secret \"x\": stringData.k: wrong type; expected a string (quote it in YAML)" },
        { "apiVersion: ladder.dev/v1alpha1\nkind: LiveStream\nmetadata: {name: s}\nspce: {}\n", "f.yaml:4:1: LiveStream \"s\": spce: unknown field" },
        { "apiVersion: ladder.dev/v1alpha1\nkind: LiveStream\nmetadata: {name: s}\nspec:\n  paused: maybe\n", "f.yaml:5:3: LiveStream \"s\": spec.paused: wrong type; expected true or false" },
        { "apiVersion: ladder.dev/v1alpha1\nkind: TranscodeProfile\nmetadata: {name: p}\nspec:\n  video:\n    renditions:\n      - {name: a, level: 4.1}\n", "f.yaml:7:19: TranscodeProfile \"p\": spec.video.renditions[0].level: wrong type; expected a string (quote it in YAML)" },
        { "a: [1, 2\n", "f.yaml:2:1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'." },
        { "apiVersion: v1\nkind: Secret\nkind: Secret\n", "f.yaml:3:1: not valid YAML: Duplicate key kind" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void Bad_manifests_are_reported_with_file_line_and_field(string yaml, string expected)
    {
        var ex = Assert.Throws<ManifestException>(() => ManifestReader.Read(yaml, "f.yaml"));
        Assert.Equal(expected, Assert.Single(ex.Problems));
    }

    [Fact]
    public void Every_problem_is_reported_and_duplicates_are_found()
    {
        var ex = Assert.Throws<ManifestException>(() => ManifestReader.Read("""
            apiVersion: v1
            kind: Secret
            metadata: {name: x}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: x}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            """, "f.yaml"));
        Assert.Equal(2, ex.Problems.Count);
        Assert.StartsWith("f.yaml:10:1: kind \"Deployment\"", ex.Problems[0], StringComparison.Ordinal);
        Assert.Equal("f.yaml:5:1: Secret default/x is defined twice (first at f.yaml:1)", ex.Problems[1]);
        Assert.StartsWith("2 problems:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_scalars_become_json_types_as_kubectl_reads_them()
    {
        var json = YamlJson.ToJson("""
            a: 1
            b: 1.5
            c: true
            d: yes
            e: "true"
            f: null
            g: ~
            h: 5000k
            i: '0755'
            j: 0755
            k: off
            l: -3
            m: 1e3
            n: &anchor {x: 1}
            o: *anchor
            """)!.AsObject();
        Assert.Equal(1L, json["a"]!.GetValue<long>());
        Assert.Equal(1.5, json["b"]!.GetValue<double>());
        Assert.True(json["c"]!.GetValue<bool>());
        Assert.True(json["d"]!.GetValue<bool>());
        Assert.Equal("true", json["e"]!.GetValue<string>());
        Assert.Null(json["f"]);
        Assert.Null(json["g"]);
        Assert.Equal("5000k", json["h"]!.GetValue<string>());
        Assert.Equal("0755", json["i"]!.GetValue<string>());
        Assert.Equal("0755", json["j"]!.GetValue<string>());
        Assert.False(json["k"]!.GetValue<bool>());
        Assert.Equal(-3L, json["l"]!.GetValue<long>());
        Assert.Equal(1000.0, json["m"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(json["n"], json["o"]));
    }

    [Fact]
    public void Find_stream_by_name_or_the_only_one()
    {
        var set = ManifestReader.Read("""
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: {name: a}
            spec: {}
            ---
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: {name: b, namespace: other}
            spec: {}
            """);
        Assert.Equal("a", set.FindStream("a").Metadata.Name);
        Assert.Equal("b", set.FindStream("other/b").Metadata.Name);
        Assert.Equal("the manifest has 2 LiveStreams (default/a, other/b); name the one to run", Assert.Throws<ManifestException>(() => set.FindStream()).Message);
        Assert.Equal("no LiveStream \"c\" in the manifest; it has default/a, other/b", Assert.Throws<ManifestException>(() => set.FindStream("c")).Message);
    }

    [Fact]
    public void Typed_objects_round_trip_through_kubernetes_json()
    {
        var set = ManifestReader.ReadFile(Path.Combine(RepoPaths.Samples, "nvidia-nvenc-profile.yaml"));
        var stream = set.LiveStreams.Single();
        Assert.Equal(LadderApi.ApiVersion, stream.ApiVersion);
        Assert.Equal("1", stream.Spec!.Runner!.Resources!.Limits!["nvidia.com/gpu"].Value);
        Assert.Equal("2Gi", stream.Spec.Runner.Resources.Requests!["memory"].Value);
        var json = System.Text.Json.JsonSerializer.Serialize(stream, Ladder.Api.Meta.WireJson.Options);
        var back = System.Text.Json.JsonSerializer.Deserialize<LiveStream>(json, ManifestReader.StrictOptions)!;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, Ladder.Api.Meta.WireJson.Options));
        Assert.Contains("\"hardware\":\"nvidia\"", System.Text.Json.JsonSerializer.Serialize(set.TranscodeProfiles[0], Ladder.Api.Meta.WireJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_round_trips_with_conditions()
    {
        var stream = new LiveStream
        {
            Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "media", Generation = 2 },
            Spec = new LiveStreamSpec { ProfileRef = new LocalObjectReference { Name = "p" } },
            Status = new LiveStreamStatus
            {
                ObservedGeneration = 2,
                Phase = LiveStreamPhase.Degraded,
                ActiveInput = "backup",
                Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = ConditionReasons.Publishing, LastTransitionTime = new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc) }],
                RecentFailovers = [new FailoverEvent { From = "primary", To = "backup", Reason = FailoverReason.Timeout, Time = DateTimeOffset.Parse("2026-11-21T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture) }],
                Endpoints = new StreamEndpoints { Hls = "http://s.media.svc/hls/master.m3u8", Ingest = [new IngestEndpoint { Input = "primary", Url = "srt://s.media.svc:9000" }] },
                Renditions = [new RenditionStatus { Name = "720p", Resolution = "1280x720", Bitrate = 2_800_000 }],
                PipelineGeneration = 5,
                LastReload = new ReloadSummary { PipelineGeneration = 5, Restarted = false, Summary = "added push target twitch" },
            },
        };
        var json = System.Text.Json.JsonSerializer.Serialize(stream, Ladder.Api.Meta.WireJson.Options);
        Assert.Contains("\"phase\":\"Degraded\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"timeout\"", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<LiveStream>(json, ManifestReader.StrictOptions)!;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, Ladder.Api.Meta.WireJson.Options));
    }
}
