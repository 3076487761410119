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

/// <summary>An extra column in <c>kubectl get</c> output (<c>additionalPrinterColumns</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the column: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public string Type { get; } = type;

    /// <summary>JSONPath into the object, e.g. <c>.status.phase</c>.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>Column description.</summary>
    public string? Description { get; init; }

    /// <summary>0 shows in the default view; higher only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>Position among the columns (ascending).</summary>
    public int Order { get; init; }
}

/// <summary>A CEL validation rule (<c>x-kubernetes-validations</c>) on a type or property. <c>self</c> is the value.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; must evaluate to true.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message the API server returns when the rule fails.</summary>
    public string Message { get; } = message;

    /// <summary>Optional field path (relative to <c>self</c>, e.g. <c>.renditions</c>) the failure is reported on.</summary>
    public string? FieldPath { get; init; }

    /// <summary>Optional machine-readable reason: <c>FieldValueInvalid</c>, <c>FieldValueForbidden</c>, <c>FieldValueRequired</c>, <c>FieldValueDuplicate</c>.</summary>
    public string? Reason { get; init; }
}

/// <summary>The property is required in the schema (and by the validators).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>The default the API server applies when the field is absent (<c>default</c>); the resolver applies the same one.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default value: a string, number or boolean.</summary>
    public object Value { get; } = value;
}

/// <summary>Inclusive lower bound of a number (<c>minimum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;
}

/// <summary>Inclusive upper bound of a number (<c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    /// <summary>The bound.</summary>
    public double Value { get; } = value;
}

/// <summary>The number must be a multiple of this (<c>multipleOf</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultipleOfAttribute(double value) : Attribute
{
    /// <summary>The divisor.</summary>
    public double Value { get; } = value;
}

/// <summary>A regular expression a string must match (<c>pattern</c>, ECMA 262 as the API server reads it).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    /// <summary>The pattern.</summary>
    public string Value { get; } = pattern;
}

/// <summary>Minimum string length (<c>minLength</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}

/// <summary>Maximum string length (<c>maxLength</c>); bounds the CEL cost estimate too.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}

/// <summary>Minimum number of list items (<c>minItems</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}

/// <summary>Maximum number of list items (<c>maxItems</c>); bounds the CEL cost estimate too.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}

/// <summary>Maximum number of map entries (<c>maxProperties</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxPropertiesAttribute(int value) : Attribute
{
    /// <summary>The bound.</summary>
    public int Value { get; } = value;
}

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

/// <summary>The list is a set of unique scalars (<c>x-kubernetes-list-type: set</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;
