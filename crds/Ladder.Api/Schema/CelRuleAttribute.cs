namespace Ladder.Api.Schema;

/// <summary>A CEL validation rule (<c>x-kubernetes-validations</c>) on a type or property. <c>self</c> is the value.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; must evaluate to true.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message the API server returns when the rule fails.</summary>
    public string Message { get; } = message;

    /// <summary>Optional field path (relative to <c>self</c>, e.g. <c>.renditions</c>) the failure is reported on.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The machine-readable reason the server reports; <see cref="CelReason.FieldValueInvalid"/> when not set.</summary>
    public CelReason Reason { get; init; } = CelReason.FieldValueInvalid;
}
