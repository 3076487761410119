using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// A list of objects as returned by a LIST call (<c>WidgetList</c>, <c>ConfigMapList</c>, ...): items plus <see cref="ListMeta"/>.
/// </summary>
/// <remarks><typeparamref name="T"/> is the item type.</remarks>
public sealed class KubernetesList<T>
{
    /// <summary>The group and version of the items.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The list kind, e.g. <c>ConfigMapList</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>The list's resourceVersion and paging state.</summary>
    public ListMeta Metadata { get; set; } = new();

    /// <summary>The items of this page, in the server's order (by name within namespace).</summary>
    public IList<T> Items { get; set; } = [];

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
