using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// LiveStream is one live channel: prioritized inputs with failover, a transcode profile (ABR ladder), and
/// outputs (HLS, DASH, RTMP/SRT push). The operator runs one runner pod per LiveStream.
/// </summary>
/// <remarks>
/// The name names the runner's Deployment and Service, so it must be a DNS-1035 label (the CEL rule at the root;
/// <see cref="Validation.LiveStreamValidator"/> applies the same rule).
/// </remarks>
[CustomResource(LadderApi.Kinds.LiveStream, LadderApi.Plurals.LiveStreams, LadderApi.Singulars.LiveStream,
    ShortNames = [LadderApi.ShortNames.LiveStream], Categories = [LadderApi.Category], PublishDefaults = false)]
[CelRule(NameRule, NameMessage, Reason = CelReason.FieldValueInvalid)]
[PrinterColumn("Phase", "string", ".status.phase", Order = 1)]
[PrinterColumn("Active Input", "string", ".status.activeInput", Order = 2)]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 3)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 4)]
[PrinterColumn("Profile", "string", ".spec.profileRef.name", Order = 5, Priority = 1)]
[PrinterColumn("Template", "string", ".spec.templateRef.name", Order = 6, Priority = 1)]
public sealed class LiveStream : LadderObject
{
    /// <summary>The CEL rule on <c>metadata.name</c>: a DNS-1035 label of at most 63 characters.</summary>
    public const string NameRule = "self.metadata.name.size() <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";

    /// <summary>The API server's message when <see cref="NameRule"/> fails.</summary>
    public const string NameMessage = "metadata.name must be a DNS-1035 label, as it names the runner Service: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";

    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public LiveStream()
        : base(LadderApi.Kinds.LiveStream)
    {
    }

    /// <summary>The desired stream: inputs, profile, outputs.</summary>
    [Required]
    public LiveStreamSpec? Spec { get; set; }

    /// <summary>What the operator and the runner observed.</summary>
    public LiveStreamStatus? Status { get; set; }
}
