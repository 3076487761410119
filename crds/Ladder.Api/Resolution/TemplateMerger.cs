using System.Collections;
using System.Reflection;
using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Resolution;

/// <summary>
/// Merges a LiveStream spec over its Template's: every field the stream leaves unset (null) is taken from the
/// Template. Scalars are taken one by one, objects are merged field by field, lists and maps are taken as a
/// whole. profileRef and profile are one choice: a stream that sets either ignores both in the Template.
/// </summary>
public static class TemplateMerger
{
    /// <summary>The merged spec (a new object; the inputs are not changed) and the fields taken from the Template.</summary>
    public static (LiveStreamSpec Spec, IReadOnlySet<string> Inherited) Merge(LiveStreamSpec stream, TemplateSpec? template)
    {
        var own = Clone(stream);
        var inherited = new SortedSet<string>(StringComparer.Ordinal);
        if (template is null)
        {
            return (own, inherited);
        }
        var from = Clone(template);
        var streamChoosesProfile = own.ProfileRef is not null || own.Profile is not null;
        foreach (var property in BaseProperties)
        {
            var name = "spec." + JsonName(property);
            if (streamChoosesProfile && property.Name is nameof(LiveStreamSpecBase.ProfileRef) or nameof(LiveStreamSpecBase.Profile))
            {
                continue;
            }
            property.SetValue(own, MergeValue(property.PropertyType, property.GetValue(own), property.GetValue(from), name, inherited));
        }
        return (own, inherited);
    }

    /// <summary>The merged spec only.</summary>
    public static LiveStreamSpec MergeSpec(LiveStreamSpec stream, TemplateSpec? template) => Merge(stream, template).Spec;

    private static readonly PropertyInfo[] BaseProperties = typeof(LiveStreamSpecBase)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite)
        .ToArray();

    private static object? MergeValue(Type type, object? own, object? inherited, string path, ISet<string> inheritedPaths)
    {
        if (own is null)
        {
            if (inherited is not null)
            {
                inheritedPaths.Add(path);
            }
            return inherited;
        }
        if (inherited is null || !IsMergedObject(type))
        {
            return own;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            property.SetValue(own, MergeValue(property.PropertyType, property.GetValue(own), property.GetValue(inherited), path + "." + JsonName(property), inheritedPaths));
        }
        return own;
    }

    // Objects of the API (classes in Ladder.Api) merge field by field; strings, value types, lists and maps do not.
    private static bool IsMergedObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Assembly == typeof(TemplateMerger).Assembly;

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static LiveStreamSpec Clone(LiveStreamSpecBase spec)
    {
        var json = JsonSerializer.Serialize(spec, spec.GetType(), WireJson.Options);
        return JsonSerializer.Deserialize<LiveStreamSpec>(json, WireJson.Options)!;
    }
}
