using k8s.Models;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// TranscodeProfile is an ABR ladder with its codec settings: video codec, hardware acceleration, GOP,
/// renditions and audio. LiveStreams reference it by name with spec.profileRef; many streams can share one.
/// </summary>
[KubernetesEntity(Group = LadderApi.Group, ApiVersion = LadderApi.Version, Kind = LadderApi.Kinds.TranscodeProfile, PluralName = LadderApi.Plurals.TranscodeProfiles)]
[CustomResource(LadderApi.Kinds.TranscodeProfile, LadderApi.Plurals.TranscodeProfiles, LadderApi.Singulars.TranscodeProfile,
    ShortNames = [LadderApi.ShortNames.TranscodeProfile], Categories = [LadderApi.Category])]
[PrinterColumn("Codec", "string", ".spec.video.codec", Order = 1)]
[PrinterColumn("Hardware", "string", ".spec.video.hardware", Order = 2)]
[PrinterColumn("Renditions", "string", ".spec.video.renditions[*].name", Order = 3, Description = "Rendition names, top first")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Order = 4)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed class TranscodeProfile : LadderObject
{
    /// <summary>Creates an object with apiVersion and kind set.</summary>
    public TranscodeProfile()
        : base(LadderApi.Kinds.TranscodeProfile)
    {
    }

    /// <summary>The desired ladder and codec settings.</summary>
    [Required]
    public TranscodeProfileSpec? Spec { get; set; }

    /// <summary>What the operator observed: validity and the streams that use this profile.</summary>
    public TranscodeProfileStatus? Status { get; set; }
}
