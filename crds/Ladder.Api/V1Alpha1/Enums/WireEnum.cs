using System.Reflection;
using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Wire names of enum values (<see cref="JsonStringEnumMemberNameAttribute"/>).</summary>
public static class WireEnum
{
    /// <summary>The wire name of <paramref name="value"/>, e.g. <c>h264</c>.</summary>
    public static string ToWire<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.ToWire[value];

    /// <summary>All wire names of <typeparamref name="TEnum"/> in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    /// <summary>All wire names of an enum type in declaration order.</summary>
    public static IReadOnlyList<string> Names(Type enumType) =>
        [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken).Select(WireName)];

    /// <summary>Parses a wire name (case-sensitive).</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Cache<TEnum>.FromWire.TryGetValue(text ?? "", out value);

    /// <summary>"a, b or c" for messages.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => JoinOr(Names<TEnum>());

    /// <summary>Joins names as "a, b or c".</summary>
    public static string JoinOr(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

    private static string WireName(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ToWire = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .ToDictionary(f => (TEnum)f.GetValue(null)!, WireName);

        public static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Names = [.. ToWire.Values];
    }
}
