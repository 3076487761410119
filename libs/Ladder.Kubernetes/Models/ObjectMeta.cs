using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// Standard object metadata (<c>metav1.ObjectMeta</c>). Only the fields a controller reads or writes are
/// declared; the rest (managedFields, selfLink, ...) survive in <see cref="ExtensionData"/>.
/// </summary>
public sealed class ObjectMeta
{
    /// <summary>Name, unique within the namespace for a kind; a DNS subdomain (RFC 1123) for most kinds.</summary>
    public string? Name { get; set; }

    /// <summary>Prefix the server uses to generate a unique name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; set; }

    /// <summary>Namespace; null for cluster-scoped objects.</summary>
    public string? Namespace { get; set; }

    /// <summary>Server-assigned unique id, stable for the object's lifetime.</summary>
    public string? Uid { get; set; }

    /// <summary>Opaque version for optimistic concurrency and watch resumption; compare only for equality.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Sequence number of spec changes, incremented by the server; status writes do not change it.</summary>
    public long? Generation { get; set; }

    /// <summary>When the object was created (RFC 3339, UTC).</summary>
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>When graceful deletion was requested; set while finalizers still hold the object.</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Seconds the object has to terminate gracefully before it is removed.</summary>
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>Identifying key/value pairs used by selectors.</summary>
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Non-identifying key/value pairs for tools and controllers.</summary>
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary>Objects this one depends on; the garbage collector deletes it when all owners are gone.</summary>
    public IList<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>Keys that must be removed before the object is deleted from storage.</summary>
    public IList<string>? Finalizers { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
