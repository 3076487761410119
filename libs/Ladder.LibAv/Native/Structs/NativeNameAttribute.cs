namespace Ladder.LibAv.Native.Structs;

/// <summary>The C member designator of a field whose C# name cannot spell it (for example <c>u.mask</c>); read by the layout test.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class NativeNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
