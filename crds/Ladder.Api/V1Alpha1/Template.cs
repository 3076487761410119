using k8s.Models;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// Template is a partial LiveStream spec. A LiveStream with spec.templateRef inherits every field it leaves
/// unset: scalars one by one, objects field by field, lists as a whole. Templates do not nest.
/// </summary>
[KubernetesEntity(Group = LadderApi.Group, ApiVersion = LadderApi.Version, Kind = LadderApi.Kinds.Template, PluralName = LadderApi.Plurals.Templates)]
[CustomResource(LadderApi.Kinds.Template, LadderApi.Plurals.Templates, LadderApi.Singulars.Template,
    ShortNames = [LadderApi.ShortNames.Template], Categories = [LadderApi.Category], PublishDefaults = false)]
[PrinterColumn("Profile", "string", ".spec.profileRef.name", Order = 1)]
[PrinterColumn("Used By", "string", ".status.usedBy[*]", Order = 2, Description = "LiveStreams inheriting from this Template")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 3)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 4)]
public sealed class Template : LadderObject
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public Template()
        : base(LadderApi.Kinds.Template)
    {
    }

    /// <summary>The fields streams inherit; any LiveStream field except templateRef.</summary>
    [Required]
    public TemplateSpec? Spec { get; set; }

    /// <summary>What the operator observed: validity and the streams that use this Template.</summary>
    public TemplateStatus? Status { get; set; }
}
