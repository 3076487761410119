namespace Ladder.Api.Schema;

/// <summary>The list is a set of unique scalars (<c>x-kubernetes-list-type: set</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;
