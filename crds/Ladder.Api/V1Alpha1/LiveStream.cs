using k8s.Models;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// LiveStream is one live channel: prioritized inputs with failover, a transcode profile (ABR ladder), and
/// outputs (HLS, DASH, RTMP/SRT push). The operator runs one runner pod per LiveStream.
/// </summary>
/// <remarks>
/// The name names the runner's Deployment and Service, so it must be a DNS-1035 label (the schema's bounds on
/// <c>metadata.name</c>; <see cref="Validation.LiveStreamValidator"/> applies the same rule with a friendlier message).
/// </remarks>
[KubernetesEntity(Group = LadderApi.Group, ApiVersion = LadderApi.Version, Kind = LadderApi.Kinds.LiveStream, PluralName = LadderApi.Plurals.LiveStreams)]
[CustomResource(LadderApi.Kinds.LiveStream, LadderApi.Plurals.LiveStreams, LadderApi.Singulars.LiveStream,
    ShortNames = [LadderApi.ShortNames.LiveStream], Categories = [LadderApi.Category], PublishDefaults = false)]
[MetadataName(NamePattern, NameMaxLength)]
[PrinterColumn("Phase", "string", ".status.phase", Order = 1)]
[PrinterColumn("Active Input", "string", ".status.activeInput", Order = 2)]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 3)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 4)]
[PrinterColumn("Profile", "string", ".spec.profileRef.name", Order = 5, Priority = 1)]
[PrinterColumn("Template", "string", ".spec.templateRef.name", Order = 6, Priority = 1)]
public sealed class LiveStream : LadderObject
{
    /// <summary>A DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.</summary>
    public const string NamePattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A DNS label has at most 63 characters (RFC 1035 2.3.4).</summary>
    public const int NameMaxLength = 63;

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
