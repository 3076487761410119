using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// List metadata (<c>metav1.ListMeta</c>): the list's resourceVersion and the paging state.
/// </summary>
public sealed class ListMeta
{
    /// <summary>The resourceVersion the list was served at; start a watch from it.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Opaque token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; set; }

    /// <summary>Approximate number of items after this page, when the server knows it.</summary>
    public long? RemainingItemCount { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
