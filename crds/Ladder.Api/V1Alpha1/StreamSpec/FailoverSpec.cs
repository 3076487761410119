using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>When the runner switches between inputs.</summary>
[CelRule("!has(self.inputTimeout) || duration(self.inputTimeout) >= duration('100ms')",
    "inputTimeout must be at least 100ms", FieldPath = ".inputTimeout", Reason = CelReason.FieldValueInvalid)]
public sealed class FailoverSpec
{
    /// <summary>Fail over to the next input when the active one delivers no packets for this long. Default 1s.</summary>
    public Duration? InputTimeout { get; set; }

    /// <summary>Switch back to a higher-priority input once it has been healthy for this long; 0s switches at once. Default 10s.</summary>
    public Duration? FailbackDelay { get; set; }
}
