namespace Ladder.Api.V1Alpha1;

/// <summary>Condition types used in status.conditions (kstatus: Ready, Reconciling, Stalled; plus InputHealthy).</summary>
public static class ConditionTypes
{
    /// <summary>The object is fully reconciled and working: for a LiveStream, publishing.</summary>
    public const string Ready = "Ready";

    /// <summary>The controller is working towards the desired state (kstatus; True only while in progress).</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>The controller cannot make progress without a change by a person (kstatus; True only while stuck).</summary>
    public const string Stalled = "Stalled";

    /// <summary>LiveStream only: the active input delivers packets.</summary>
    public const string InputHealthy = "InputHealthy";
}
