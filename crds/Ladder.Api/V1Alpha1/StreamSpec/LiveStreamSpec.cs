using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// The desired stream. Without a templateRef it needs inputs and a profile (profileRef or inline); with
/// one, every field left unset comes from the Template.
/// </summary>
[CelRule("has(self.templateRef) || has(self.profileRef) || has(self.profile)",
    "set profileRef or an inline profile (or a templateRef whose Template sets one)", Reason = CelReason.FieldValueRequired)]
[CelRule("has(self.templateRef) || (has(self.inputs) && size(self.inputs) > 0)",
    "at least one input is required (or a templateRef whose Template sets inputs)", FieldPath = ".inputs", Reason = CelReason.FieldValueRequired)]
public sealed class LiveStreamSpec : LiveStreamSpecBase
{
    /// <summary>A Template (same namespace) this stream inherits every unset field from.</summary>
    public LocalObjectReference? TemplateRef { get; set; }
}
