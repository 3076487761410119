using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Ladder.Kubernetes.Models;

/// <summary>
/// The status of a <see cref="CustomResourceDefinition"/>.
/// </summary>
public sealed class CustomResourceDefinitionStatus
{
    /// <summary><c>NamesAccepted</c> and <c>Established</c>; the CRD can be used once <c>Established</c> is <c>True</c>.</summary>
    public IList<V1CustomResourceDefinitionCondition>? Conditions { get; set; }

    /// <summary>The names the server accepted; empty until NamesAccepted.</summary>
    public CustomResourceDefinitionNames? AcceptedNames { get; set; }

    /// <summary>Versions objects have ever been stored in.</summary>
    public IList<string>? StoredVersions { get; set; }

    /// <summary>Fields this model does not declare, kept verbatim for round trips.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
