using System.Text.Json.Serialization;

namespace Ladder.Api.Pipeline;

/// <summary>Namespace, name and uid of the LiveStream.</summary>
public sealed record StreamIdentity(string Namespace, string Name)
{
    /// <summary>The LiveStream's uid, when known (empty in standalone mode).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uid { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => Namespace + "/" + Name;
}
