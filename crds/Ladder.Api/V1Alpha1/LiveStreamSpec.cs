using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// The fields a LiveStream and a Template share. In a LiveStream with a templateRef, every field left unset
/// is taken from the Template: scalars one by one, objects field by field, lists as a whole.
/// </summary>
[CelRule("!(has(self.profileRef) && has(self.profile))",
    "set either profileRef or an inline profile, not both", Reason = "FieldValueForbidden")]
[CelRule("!has(self.profile) || !has(self.outputs) || !has(self.outputs.hls) || !has(self.outputs.hls.segmentDuration) || (duration(self.outputs.hls.segmentDuration) == duration(string(duration(self.outputs.hls.segmentDuration).getSeconds()) + 's') && duration(self.outputs.hls.segmentDuration).getSeconds() % (has(self.profile.video.gopSeconds) ? self.profile.video.gopSeconds : 2) == 0)",
    "outputs.hls.segmentDuration must be a whole multiple of profile.video.gopSeconds (segments are cut on keyframes)",
    FieldPath = ".outputs.hls.segmentDuration", Reason = "FieldValueInvalid")]
[CelRule("!has(self.profile) || !has(self.outputs) || !has(self.outputs.push) || self.outputs.push.all(p, !has(p.rendition) || self.profile.video.renditions.exists(r, r.name == p.rendition))",
    "outputs.push[].rendition must name a rendition of the profile", FieldPath = ".outputs.push", Reason = "FieldValueInvalid")]
public abstract class LiveStreamSpecBase
{
    /// <summary>The TranscodeProfile (same namespace) that defines the ladder. Set this or profile, not both.</summary>
    public LocalObjectReference? ProfileRef { get; set; }

    /// <summary>An inline ladder, for a stream whose settings nobody shares. Set this or profileRef, not both.</summary>
    public TranscodeProfileSpec? Profile { get; set; }

    /// <summary>
    /// Sources in priority order: the runner reads the first healthy one and fails over down the list.
    /// Names are unique.
    /// </summary>
    [MaxItems(8)]
    [ListMap("name")]
    public IList<StreamInput>? Inputs { get; set; }

    /// <summary>When to switch inputs. Defaults: inputTimeout 1s, failbackDelay 10s.</summary>
    public FailoverSpec? Failover { get; set; }

    /// <summary>What the runner publishes: HLS (on by default), DASH and push targets.</summary>
    public OutputSpec? Outputs { get; set; }

    /// <summary>Scheduling and resources of the runner pod.</summary>
    public RunnerSpec? Runner { get; set; }

    /// <summary>True stops the runner pod; the stream keeps its configuration. Default false.</summary>
    public bool? Paused { get; set; }
}

/// <summary>A reference to an object in the same namespace.</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the object.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; set; }
}

/// <summary>A value taken from a Secret: stream keys and passphrases never appear in a LiveStream in clear.</summary>
public sealed class SecretValueSource
{
    /// <summary>The Secret (same namespace) and key holding the value.</summary>
    [Required]
    public SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>Selects a key of a Secret in the same namespace (core/v1 SecretKeySelector).</summary>
public sealed class SecretKeySelector
{
    /// <summary>Name of the Secret.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; set; }

    /// <summary>Key in the Secret's data.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Key { get; set; }
}

/// <summary>
/// One source of the stream. URL schemes: rtmp, srt, rtsp, http/https (HLS), udp (MPEG-TS) and file. Put
/// stream keys in streamKey and SRT passphrases in srt.passphrase, never in the URL.
/// </summary>
[CelRule("!has(self.srt) || self.url.startsWith('srt://')", "srt settings apply only to srt:// inputs", FieldPath = ".srt", Reason = "FieldValueForbidden")]
[CelRule("!has(self.streamKey) || self.url.startsWith('rtmp://') || self.url.startsWith('srt://')",
    "streamKey applies only to rtmp:// and srt:// inputs", FieldPath = ".streamKey", Reason = "FieldValueForbidden")]
public sealed class StreamInput
{
    /// <summary>Input name, unique in the stream (e.g. primary, backup); shown in status.activeInput.</summary>
    [Required]
    [MaxLength(32)]
    [Pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>
    /// Source URL. To receive a push, listen on all addresses: rtmp://0.0.0.0:1935/live (the stream key is
    /// appended as the last path segment), srt://0.0.0.0:9000 or udp://0.0.0.0:5000. To pull, name the
    /// remote host: srt://encoder.example.net:9000, rtsp://camera/stream, https://origin/live.m3u8,
    /// udp://239.1.1.1:5000 (multicast), file:///media/loop.mp4.
    /// </summary>
    [Required]
    [MaxLength(2048)]
    [CelRule("self.matches('^(rtmp|srt|rtsp|http|https|udp|file)://')",
        "scheme is not supported; use rtmp, srt, rtsp, http, https, udp or file", Reason = "FieldValueNotSupported")]
    [CelRule("!self.matches('[?&](passphrase|streamid|key|streamkey)=')",
        "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase", Reason = "FieldValueForbidden")]
    public string? Url { get; set; }

    /// <summary>
    /// listen (wait for the encoder to push) or pull (connect to the source). Default: listen when the URL
    /// host is 0.0.0.0, [::] or empty, else pull.
    /// </summary>
    public InputMode? Mode { get; set; }

    /// <summary>
    /// Stream key from a Secret. RTMP: appended to the URL path (rtmp://host/app/KEY). SRT: sent as the
    /// streamid.
    /// </summary>
    public SecretValueSource? StreamKey { get; set; }

    /// <summary>SRT settings (srt:// inputs only).</summary>
    public SrtSettings? Srt { get; set; }

    /// <summary>Extra libavformat options for this input (name to value), e.g. rw_timeout, fifo_size.</summary>
    [MaxProperties(32)]
    public IDictionary<string, string>? Options { get; set; }
}

/// <summary>SRT connection settings.</summary>
public sealed class SrtSettings
{
    /// <summary>Receiver/sender latency; higher rides out more packet loss. Default 200ms.</summary>
    public Duration? Latency { get; set; }

    /// <summary>Encryption passphrase (10 to 79 characters) from a Secret.</summary>
    public SecretValueSource? Passphrase { get; set; }
}

/// <summary>When the runner switches between inputs.</summary>
[CelRule("!has(self.inputTimeout) || duration(self.inputTimeout) >= duration('100ms')",
    "inputTimeout must be at least 100ms", FieldPath = ".inputTimeout", Reason = "FieldValueInvalid")]
public sealed class FailoverSpec
{
    /// <summary>Fail over to the next input when the active one delivers no packets for this long. Default 1s.</summary>
    public Duration? InputTimeout { get; set; }

    /// <summary>Switch back to a higher-priority input once it has been healthy for this long; 0s switches at once. Default 10s.</summary>
    public Duration? FailbackDelay { get; set; }
}

/// <summary>What the runner publishes.</summary>
public sealed class OutputSpec
{
    /// <summary>HLS output, enabled unless enabled: false.</summary>
    public HlsOutput? Hls { get; set; }

    /// <summary>DASH output, enabled when present (unless enabled: false). Shares HLS's segment duration.</summary>
    public DashOutput? Dash { get; set; }

    /// <summary>RTMP/RTMPS/SRT destinations the runner pushes one rendition to (platform restreaming).</summary>
    [MaxItems(8)]
    [ListMap("name")]
    public IList<PushTarget>? Push { get; set; }
}

/// <summary>HLS publishing settings.</summary>
public sealed class HlsOutput
{
    /// <summary>Set false to turn HLS off. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Target segment duration; a whole multiple of the profile's gopSeconds. DASH uses the same segments.
    /// Default: two GOPs (4s with the default GOP).
    /// </summary>
    public Duration? SegmentDuration { get; set; }

    /// <summary>Segments listed in the live playlist. Default 6.</summary>
    [Minimum(2)]
    [Maximum(100)]
    public int? Window { get; set; }

    /// <summary>Segment container: fmp4 (CMAF, shared with DASH) or ts. Default fmp4.</summary>
    public HlsContainer? Container { get; set; }
}

/// <summary>DASH publishing settings.</summary>
public sealed class DashOutput
{
    /// <summary>Set false to turn DASH off (e.g. in a stream whose Template enables it). Default true when dash is present.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Segments kept in the MPD's time-shift window. Default: the HLS window.</summary>
    [Minimum(2)]
    [Maximum(100)]
    public int? Window { get; set; }
}

/// <summary>A push destination, e.g. a streaming platform's ingest.</summary>
[CelRule("!has(self.srt) || self.url.startsWith('srt://')", "srt settings apply only to srt:// targets", FieldPath = ".srt", Reason = "FieldValueForbidden")]
public sealed class PushTarget
{
    /// <summary>Target name, unique in the stream (e.g. youtube, twitch).</summary>
    [Required]
    [MaxLength(32)]
    [Pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>
    /// Ingest URL without the stream key: rtmp://, rtmps:// or srt://, e.g. rtmp://a.rtmp.youtube.com/live2.
    /// The key from streamKey is appended as the last path segment (RTMP) or sent as the streamid (SRT).
    /// </summary>
    [Required]
    [MaxLength(2048)]
    [CelRule("self.matches('^(rtmp|rtmps|srt)://')", "scheme is not supported; use rtmp, rtmps or srt", Reason = "FieldValueNotSupported")]
    [CelRule("!self.matches('[?&](passphrase|streamid|key|streamkey)=')",
        "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase", Reason = "FieldValueForbidden")]
    public string? Url { get; set; }

    /// <summary>Stream key from a Secret.</summary>
    public SecretValueSource? StreamKey { get; set; }

    /// <summary>The rendition to push, by name. Default: the top (first) rendition of the ladder.</summary>
    [MaxLength(32)]
    public string? Rendition { get; set; }

    /// <summary>SRT settings (srt:// targets only).</summary>
    public SrtSettings? Srt { get; set; }
}

/// <summary>The runner pod's image, resources and placement.</summary>
public sealed class RunnerSpec
{
    /// <summary>Runner image override; default: the operator's own pipeline-runner image.</summary>
    [MaxLength(512)]
    public string? Image { get; set; }

    /// <summary>CPU, memory and device (e.g. nvidia.com/gpu) requests and limits.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Node labels the runner pod must match, e.g. a GPU node pool.</summary>
    [MaxProperties(32)]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Taints the runner pod tolerates, e.g. nvidia.com/gpu:NoSchedule.</summary>
    [MaxItems(16)]
    public IList<Toleration>? Tolerations { get; set; }
}

/// <summary>Compute resources (core/v1 ResourceRequirements, requests and limits).</summary>
public sealed class ResourceRequirements
{
    /// <summary>Guaranteed amounts, e.g. cpu: "2", memory: 1Gi.</summary>
    [MaxProperties(16)]
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }

    /// <summary>Maximum amounts, e.g. memory: 2Gi, nvidia.com/gpu: 1.</summary>
    [MaxProperties(16)]
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
}

/// <summary>A toleration (core/v1 Toleration).</summary>
public sealed class Toleration
{
    /// <summary>Taint key; empty with operator Exists matches every taint.</summary>
    [MaxLength(253)]
    public string? Key { get; set; }

    /// <summary>Exists or Equal. Default Equal.</summary>
    [Pattern("^(Exists|Equal)$")]
    public string? Operator { get; set; }

    /// <summary>Taint value for operator Equal.</summary>
    [MaxLength(63)]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute; empty matches all effects.</summary>
    [Pattern("^(NoSchedule|PreferNoSchedule|NoExecute)?$")]
    public string? Effect { get; set; }

    /// <summary>For NoExecute: how long the pod stays bound after the taint appears; unset forever.</summary>
    public long? TolerationSeconds { get; set; }
}
