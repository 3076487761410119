using k8s.Models;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Observed state of a TranscodeProfile.</summary>
public sealed class TranscodeProfileStatus
{
    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready (the profile is valid), plus Reconciling and Stalled in kstatus style.</summary>
    [ListMap("type")]
    [MaxItems(16)]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>Names of the LiveStreams in this namespace that use this profile (directly or through a Template).</summary>
    [ListSet]
    [MaxItems(1000)]
    public IList<string>? UsedBy { get; set; }
}
