namespace Ladder.Api.Schema;

/// <summary>The property is required in the schema (and by the validators).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
