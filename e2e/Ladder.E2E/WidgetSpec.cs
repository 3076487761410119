namespace Ladder.E2E;

/// <summary>A Widget's spec: <c>size</c> (integer, at least 1, required) and <c>color</c> (red or blue).</summary>
public sealed class WidgetSpec
{
    public int? Size { get; set; }

    public string? Color { get; set; }
}
