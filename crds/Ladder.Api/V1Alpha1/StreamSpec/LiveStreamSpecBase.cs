using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// The fields a LiveStream and a Template share. In a LiveStream with a templateRef, every field left unset
/// is taken from the Template: scalars one by one, objects field by field, lists as a whole.
/// </summary>
[CelRule("!(has(self.profileRef) && has(self.profile))",
    "set either profileRef or an inline profile, not both", Reason = CelReason.FieldValueForbidden)]
// getMilliseconds() is the whole duration in milliseconds (cel-go); a multiple of gopSeconds * 1000 is also whole seconds.
[CelRule("!has(self.profile) || !has(self.outputs) || !has(self.outputs.hls) || !has(self.outputs.hls.segmentDuration) || duration(self.outputs.hls.segmentDuration).getMilliseconds() % ((has(self.profile.video.gopSeconds) ? self.profile.video.gopSeconds : 2) * 1000) == 0",
    "outputs.hls.segmentDuration must be a whole multiple of profile.video.gopSeconds (segments are cut on keyframes)",
    FieldPath = ".outputs.hls.segmentDuration", Reason = CelReason.FieldValueInvalid)]
[CelRule("!has(self.profile) || !has(self.outputs) || !has(self.outputs.push) || self.outputs.push.all(p, !has(p.rendition) || self.profile.video.renditions.exists(r, r.name == p.rendition))",
    "outputs.push[].rendition must name a rendition of the profile", FieldPath = ".outputs.push", Reason = CelReason.FieldValueInvalid)]
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
