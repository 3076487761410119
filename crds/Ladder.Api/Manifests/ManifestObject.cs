using k8s;
using k8s.Models;

namespace Ladder.Api.Manifests;

/// <summary>An object read from a manifest, with where it came from.</summary>
/// <param name="Object">The typed object: a LiveStream, TranscodeProfile, Template or Secret.</param>
/// <param name="Source">File name (or the name given for a text).</param>
/// <param name="Line">1-based line where the object starts.</param>
/// <param name="Positions">Where each field of the object is written.</param>
public sealed record ManifestObject(IKubernetesObject<V1ObjectMeta> Object, string Source, int Line, FieldPositions Positions)
{
    /// <summary>The kind.</summary>
    public string Kind => Object.Kind ?? "";

    /// <summary>The name.</summary>
    public string Name => Object.Metadata.Name ?? "";

    /// <summary>The namespace; <see cref="ManifestReader.DefaultNamespace"/> when the manifest sets none.</summary>
    public string Namespace => string.IsNullOrEmpty(Object.Metadata.NamespaceProperty) ? ManifestReader.DefaultNamespace : Object.Metadata.NamespaceProperty;

    /// <summary><c>file:line:column: Kind namespace/name: path: message</c>, the problem placed at its field's line.</summary>
    public string Describe(Validation.FieldError error) => $"{Positions.Describe(Source, error.Path)}: {Kind} {Namespace}/{Name}: {error}";

    /// <summary><c>Kind namespace/name (file:line)</c>, for messages.</summary>
    public override string ToString() => $"{Kind} {Namespace}/{Name} ({Source}:{Line})";
}
