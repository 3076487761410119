using System.Text.Json.Nodes;

namespace Ladder.E2E;

/// <summary>
/// One bad case per CEL rule of the Ladder CRDs (and the schema's bound on the name): a JSON merge patch (RFC 7386)
/// that breaks exactly that rule in an otherwise valid LiveStream, the field path the API server must report, and the
/// rule's message.
/// </summary>
internal static class CelRuleCases
{
    /// <summary>A valid LiveStream with an inline one-rung profile and an SRT listen input.</summary>
    public static JsonObject Valid(string name) => JsonNode.Parse("""
        {"apiVersion":"ladder.dev/v1alpha1","kind":"LiveStream","metadata":{"name":"NAME"},
         "spec":{"inputs":[{"name":"main","url":"srt://0.0.0.0:9000"}],
                 "profile":{"video":{"gopSeconds":2,"renditions":[{"name":"r360","width":640,"height":360,"bitrate":"800k"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal))!.AsObject();

    /// <summary>(case, merge patch, field path, rule message).</summary>
    public static TheoryData<string, string, string, string> All => new()
    {
        { "name starts with a digit (the schema's pattern, not a rule)", """{"metadata":{"name":"1-cel"}}""", "metadata.name",
            "metadata.name in body should match '^[a-z]([-a-z0-9]*[a-z0-9])?$'" },
        { "input scheme", """{"spec":{"inputs":[{"name":"main","url":"ftp://example.com/live"}]}}""", "spec.inputs[0].url",
            "scheme is not supported; use rtmp, srt, rtsp, http, https, udp or file" },
        { "input secret in url", """{"spec":{"inputs":[{"name":"main","url":"rtmp://0.0.0.0:1935/live?key=abc"}]}}""", "spec.inputs[0].url",
            "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase" },
        { "srt settings on rtmp input", """{"spec":{"inputs":[{"name":"main","url":"rtmp://0.0.0.0:1935/live","srt":{"latency":"200ms"}}]}}""", "spec.inputs[0].srt",
            "srt settings apply only to srt:// inputs" },
        { "stream key on rtsp input", """{"spec":{"inputs":[{"name":"main","url":"rtsp://camera/stream","streamKey":{"secretKeyRef":{"name":"keys","key":"k"}}}]}}""", "spec.inputs[0].streamKey",
            "streamKey applies only to rtmp:// and srt:// inputs" },
        { "push scheme", """{"spec":{"outputs":{"push":[{"name":"cdn","url":"http://cdn.example.com/live"}]}}}""", "spec.outputs.push[0].url",
            "scheme is not supported; use rtmp, rtmps, srt or udp" },
        { "push secret in url", """{"spec":{"outputs":{"push":[{"name":"cdn","url":"rtmp://cdn.example.com/app?streamkey=abc"}]}}}""", "spec.outputs.push[0].url",
            "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase" },
        { "srt settings on rtmp push", """{"spec":{"outputs":{"push":[{"name":"cdn","url":"rtmp://cdn.example.com/app","srt":{"latency":"200ms"}}]}}}""", "spec.outputs.push[0].srt",
            "srt settings apply only to srt:// targets" },
        { "stream key on udp push", """{"spec":{"outputs":{"push":[{"name":"mc","url":"udp://239.0.0.1:5000","streamKey":{"secretKeyRef":{"name":"keys","key":"k"}}}]}}}""", "spec.outputs.push[0].streamKey",
            "streamKey.secretKeyRef does not apply to udp:// targets" },
        { "push names no rendition", """{"spec":{"outputs":{"push":[{"name":"cdn","url":"rtmp://cdn.example.com/app","rendition":"r1080"}]}}}""", "spec.outputs.push",
            "outputs.push[].rendition must name a rendition of the profile" },
        { "segment not a multiple of the GOP", """{"spec":{"outputs":{"hls":{"segmentDuration":"3s"}}}}""", "spec.outputs.hls.segmentDuration",
            "outputs.hls.segmentDuration must be a whole multiple of profile.video.gopSeconds" },
        { "input timeout too short", """{"spec":{"failover":{"inputTimeout":"50ms"}}}""", "spec.failover.inputTimeout",
            "inputTimeout must be at least 100ms" },
        { "no profile", """{"spec":{"profile":null}}""", "spec",
            "set profileRef or an inline profile (or a templateRef whose Template sets one)" },
        { "both profileRef and profile", """{"spec":{"profileRef":{"name":"hd"}}}""", "spec",
            "set either profileRef or an inline profile, not both" },
        { "no input", """{"spec":{"inputs":null}}""", "spec.inputs",
            "at least one input is required (or a templateRef whose Template sets inputs)" },
        { "opus at 44.1 kHz", """{"spec":{"profile":{"audio":{"codec":"opus","sampleRate":44100}}}}""", "spec.profile.audio.sampleRate",
            "opus audio is always 48000 Hz" },
        { "passthrough with a size", """{"spec":{"profile":{"video":{"renditions":[{"name":"src","passthrough":true,"width":640}]}}}}""", "spec.profile.video.renditions[0]",
            "a passthrough rendition copies the source" },
        { "encoded rendition without bitrate", """{"spec":{"profile":{"video":{"renditions":[{"name":"r360","width":640,"height":360}]}}}}""", "spec.profile.video.renditions[0]",
            "an encoded rendition needs width, height and bitrate" },
        { "two passthrough renditions", """{"spec":{"profile":{"video":{"renditions":[{"name":"a","passthrough":true},{"name":"b","passthrough":true}]}}}}""", "spec.profile.video.renditions",
            "at most one rendition may be passthrough" },
        { "rendition above maxResolution", """{"spec":{"profile":{"video":{"maxResolution":{"width":320,"height":180}}}}}""", "spec.profile.video.renditions",
            "renditions must not be larger than maxResolution" },
        { "low-latency part target out of range", """{"spec":{"outputs":{"hls":{"lowLatency":{"enabled":true,"partTargetDuration":"50ms"}}}}}""", "spec.outputs.hls.lowLatency.partTargetDuration",
            "lowLatency.partTargetDuration is out of range; use 100ms to 1s" },
        { "low-latency part over half the segment", """{"spec":{"profile":{"video":{"gopSeconds":1}},"outputs":{"hls":{"segmentDuration":"1s","lowLatency":{"enabled":true,"partTargetDuration":"800ms"}}}}}""", "spec.outputs.hls.lowLatency.partTargetDuration",
            "lowLatency.partTargetDuration must be at most half of segmentDuration" },
        { "low-latency parts in MPEG-TS", """{"spec":{"outputs":{"hls":{"container":"ts","lowLatency":{"enabled":true}}}}}""", "spec.outputs.hls.container",
            "low-latency parts are CMAF chunks; set container to fmp4" },
        { "low-latency DASH target latency out of range", """{"spec":{"outputs":{"dash":{"lowLatency":{"enabled":true,"targetLatency":"500ms"}}}}}""", "spec.outputs.dash.lowLatency.targetLatency",
            "lowLatency.targetLatency is out of range; use 1s to 30s" },
        { "low-latency DASH chunk out of range", """{"spec":{"outputs":{"dash":{"lowLatency":{"enabled":true,"chunkDuration":"2s"}}}}}""", "spec.outputs.dash.lowLatency.chunkDuration",
            "lowLatency.chunkDuration is out of range; use 100ms to 1s" },
        { "low-latency DASH chunk over half the segment", """{"spec":{"profile":{"video":{"gopSeconds":1}},"outputs":{"hls":{"segmentDuration":"1s"},"dash":{"lowLatency":{"enabled":true,"chunkDuration":"800ms"}}}}}""", "spec.outputs.dash.lowLatency.chunkDuration",
            "dash.lowLatency.chunkDuration must be at most half of hls.segmentDuration" },
        { "low-latency DASH chunks unlike the HLS parts", """{"spec":{"outputs":{"hls":{"lowLatency":{"enabled":true,"partTargetDuration":"200ms"}},"dash":{"lowLatency":{"enabled":true,"chunkDuration":"500ms"}}}}}""", "spec.outputs.dash.lowLatency.chunkDuration",
            "dash.lowLatency.chunkDuration must equal hls.lowLatency.partTargetDuration" },
    };

    /// <summary>RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        return target;
    }
}
