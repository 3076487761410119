using System.Text.Json.Nodes;

namespace Ladder.CrdGen;

/// <summary>One generated CRD: its file name (kubebuilder naming) and its object.</summary>
/// <param name="FileName">e.g. <c>ladder.dev_livestreams.yaml</c>.</param>
/// <param name="Kind">The custom resource's kind.</param>
/// <param name="Crd">The CustomResourceDefinition as JSON.</param>
public sealed record GeneratedCrd(string FileName, string Kind, JsonObject Crd)
{
    /// <summary>The YAML text written to <see cref="FileName"/>.</summary>
    public string Yaml => "---\n" + YamlEmitter.Emit(Crd);

    /// <summary>The openAPIV3Schema of the (only) version.</summary>
    public JsonObject Schema => Crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
}
