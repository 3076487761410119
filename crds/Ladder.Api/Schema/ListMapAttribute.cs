namespace Ladder.Api.Schema;

/// <summary>
/// The list is a map keyed on these item fields (<c>x-kubernetes-list-type: map</c>): the API server rejects
/// duplicate keys and server-side apply merges items by key. The key fields must be required.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    /// <summary>The key fields (JSON names).</summary>
    public string[] Keys { get; } = keys;
}
