namespace Ladder.Api.Schema;

// Markers for what the CRD generator (crds/Ladder.CrdGen) cannot infer from the C# types by reflection,
// in the spirit of kubebuilder's `+kubebuilder:validation:*` comments. Types, enums, descriptions (from the
// XML docs), nullability and int-or-string come from the types themselves.

/// <summary>Marks a root type as a custom resource and gives the CRD's names.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CustomResourceAttribute(string kind, string plural, string singular) : Attribute
{
    /// <summary>The kind, e.g. <c>LiveStream</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The plural resource name, e.g. <c>livestreams</c>.</summary>
    public string Plural { get; } = plural;

    /// <summary>The singular resource name, e.g. <c>livestream</c>.</summary>
    public string Singular { get; } = singular;

    /// <summary>Short names for kubectl, e.g. <c>ls</c>.</summary>
    public string[] ShortNames { get; init; } = [];

    /// <summary>Categories for <c>kubectl get CATEGORY</c>, e.g. <c>ladder</c>.</summary>
    public string[] Categories { get; init; } = [];

    /// <summary>
    /// Whether <see cref="DefaultAttribute"/> values are published as schema defaults. Off for kinds whose
    /// unset fields are inherited from a Template: a server-side default would hide the inheritance.
    /// </summary>
    public bool PublishDefaults { get; init; } = true;
}
