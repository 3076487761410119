namespace Ladder.Api.Schema;

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
