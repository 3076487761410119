using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Meta;

/// <summary>
/// The System.Text.Json settings for Kubernetes wire JSON (Ladder's kinds, manifests, the runner's and the webhook's
/// <see cref="Status"/> bodies): camelCase field names, nulls omitted on write, case-sensitive reads as the API server
/// writes them, and times as RFC 3339 UTC (<see cref="Rfc3339TimeConverter"/>, and KubernetesClient's
/// <see cref="k8s.KubernetesJson.KubernetesDateTimeConverter"/> for the <see cref="DateTime"/>s of its models).
/// Unlike <see cref="k8s.KubernetesJson"/>'s options, these can write a Status.
/// </summary>
public static class WireJson
{
    /// <summary>Shared, read-only options for every Kubernetes object (de)serialization.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new Rfc3339TimeConverter());
        options.Converters.Add(new k8s.KubernetesJson.KubernetesDateTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
