namespace Ladder.Api.Meta;

/// <summary>The three values of <see cref="k8s.Models.V1Condition.Status"/> defined by the API conventions.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>It cannot be determined whether the condition holds.</summary>
    public const string Unknown = "Unknown";
}
