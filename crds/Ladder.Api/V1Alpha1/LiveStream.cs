using Ladder.Api.Schema;
using Ladder.Kubernetes.Models;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// LiveStream is one live channel: prioritized inputs with failover, a transcode profile (ABR ladder), and
/// outputs (HLS, DASH, RTMP/SRT push). The operator runs one runner pod per LiveStream.
/// </summary>
[CustomResource(LadderApi.Kinds.LiveStream, LadderApi.Plurals.LiveStreams, LadderApi.Singulars.LiveStream,
    ShortNames = [LadderApi.ShortNames.LiveStream], Categories = [LadderApi.Category], PublishDefaults = false)]
[PrinterColumn("Phase", "string", ".status.phase", Order = 1)]
[PrinterColumn("Active Input", "string", ".status.activeInput", Order = 2)]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 3)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 4)]
[PrinterColumn("Profile", "string", ".spec.profileRef.name", Order = 5, Priority = 1)]
[PrinterColumn("Template", "string", ".spec.templateRef.name", Order = 6, Priority = 1)]
public sealed class LiveStream : KubernetesObject
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public LiveStream()
    {
        ApiVersion = LadderApi.ApiVersion;
        Kind = LadderApi.Kinds.LiveStream;
    }

    /// <summary>The desired stream: inputs, profile, outputs.</summary>
    [Required]
    public LiveStreamSpec? Spec { get; set; }

    /// <summary>What the operator and the runner observed.</summary>
    public LiveStreamStatus? Status { get; set; }
}

/// <summary>
/// The desired stream. Without a templateRef it needs inputs and a profile (profileRef or inline); with
/// one, every field left unset comes from the Template.
/// </summary>
[CelRule("has(self.templateRef) || has(self.profileRef) || has(self.profile)",
    "set profileRef or an inline profile (or a templateRef whose Template sets one)", Reason = "FieldValueRequired")]
[CelRule("has(self.templateRef) || (has(self.inputs) && size(self.inputs) > 0)",
    "at least one input is required (or a templateRef whose Template sets inputs)", FieldPath = ".inputs", Reason = "FieldValueRequired")]
public sealed class LiveStreamSpec : LiveStreamSpecBase
{
    /// <summary>A Template (same namespace) this stream inherits every unset field from.</summary>
    public LocalObjectReference? TemplateRef { get; set; }
}

/// <summary>Observed state of a LiveStream.</summary>
public sealed class LiveStreamStatus
{
    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Starting, Live, Degraded, Failed or Paused.</summary>
    public LiveStreamPhase? Phase { get; set; }

    /// <summary>Ready, Reconciling and Stalled (kstatus), and InputHealthy.</summary>
    [ListMap("type")]
    [MaxItems(16)]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Name of the input the runner is reading now.</summary>
    public string? ActiveInput { get; set; }

    /// <summary>Playback and ingest URLs.</summary>
    public StreamEndpoints? Endpoints { get; set; }

    /// <summary>The renditions being published.</summary>
    [MaxItems(8)]
    public IList<RenditionStatus>? Renditions { get; set; }

    /// <summary>The latest input switches, newest first (at most 10).</summary>
    [MaxItems(10)]
    public IList<FailoverEvent>? RecentFailovers { get; set; }

    /// <summary>The generation of the PipelineSpec the runner is executing.</summary>
    public long? PipelineGeneration { get; set; }

    /// <summary>How the runner applied the last PipelineSpec change.</summary>
    public ReloadSummary? LastReload { get; set; }
}

/// <summary>Where to watch the stream and where to send it.</summary>
public sealed class StreamEndpoints
{
    /// <summary>HLS multivariant playlist URL.</summary>
    public string? Hls { get; set; }

    /// <summary>DASH MPD URL.</summary>
    public string? Dash { get; set; }

    /// <summary>Ingest URLs of listening inputs (stream keys masked).</summary>
    [MaxItems(8)]
    public IList<IngestEndpoint>? Ingest { get; set; }
}

/// <summary>An address an encoder can push to.</summary>
public sealed class IngestEndpoint
{
    /// <summary>Input name.</summary>
    public string? Input { get; set; }

    /// <summary>URL to push to, with the stream key masked.</summary>
    public string? Url { get; set; }
}

/// <summary>A rendition being published.</summary>
public sealed class RenditionStatus
{
    /// <summary>Rendition name.</summary>
    public string? Name { get; set; }

    /// <summary>Width x height, e.g. 1280x720 (the source's for passthrough).</summary>
    public string? Resolution { get; set; }

    /// <summary>Measured or configured bitrate in bits per second.</summary>
    public long? Bitrate { get; set; }
}

/// <summary>One switch between inputs.</summary>
public sealed class FailoverEvent
{
    /// <summary>When the switch happened.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>Input switched from (empty at start).</summary>
    public string? From { get; set; }

    /// <summary>Input switched to.</summary>
    public string? To { get; set; }

    /// <summary>timeout, error, manual or failback.</summary>
    public FailoverReason? Reason { get; set; }

    /// <summary>Details, e.g. the error text.</summary>
    public string? Message { get; set; }
}

/// <summary>How the runner applied a PipelineSpec change.</summary>
public sealed class ReloadSummary
{
    /// <summary>When the change took effect.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>PipelineSpec generation applied.</summary>
    public long? PipelineGeneration { get; set; }

    /// <summary>True when the change needed a pipeline restart rather than a live reload.</summary>
    public bool? Restarted { get; set; }

    /// <summary>Human-readable plan, e.g. "added push target twitch; restarted encoder 720p".</summary>
    [MaxLength(1024)]
    public string? Summary { get; set; }
}
