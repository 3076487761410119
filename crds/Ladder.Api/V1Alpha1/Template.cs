using Ladder.Api.Schema;
using Ladder.Kubernetes.Models;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// Template is a partial LiveStream spec. A LiveStream with spec.templateRef inherits every field it leaves
/// unset: scalars one by one, objects field by field, lists as a whole. Templates do not nest.
/// </summary>
[CustomResource(LadderApi.Kinds.Template, LadderApi.Plurals.Templates, LadderApi.Singulars.Template,
    ShortNames = [LadderApi.ShortNames.Template], Categories = [LadderApi.Category], PublishDefaults = false)]
[PrinterColumn("Profile", "string", ".spec.profileRef.name", Order = 1)]
[PrinterColumn("Used By", "string", ".status.usedBy[*]", Order = 2, Description = "LiveStreams inheriting from this Template")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 3)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 4)]
public sealed class Template : KubernetesObject
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public Template()
    {
        ApiVersion = LadderApi.ApiVersion;
        Kind = LadderApi.Kinds.Template;
    }

    /// <summary>The fields streams inherit; any LiveStream field except templateRef.</summary>
    [Required]
    public TemplateSpec? Spec { get; set; }

    /// <summary>What the operator observed: validity and the streams that use this Template.</summary>
    public TemplateStatus? Status { get; set; }
}

/// <summary>A partial LiveStream spec; every field is optional.</summary>
public sealed class TemplateSpec : LiveStreamSpecBase;

/// <summary>Observed state of a Template.</summary>
public sealed class TemplateStatus
{
    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready (the Template is valid), plus Reconciling and Stalled in kstatus style.</summary>
    [ListMap("type")]
    [MaxItems(16)]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Names of the LiveStreams in this namespace with a templateRef to this Template.</summary>
    [ListSet]
    [MaxItems(1000)]
    public IList<string>? UsedBy { get; set; }
}
