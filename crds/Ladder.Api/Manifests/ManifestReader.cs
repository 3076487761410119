using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;
using YamlDotNet.Core;

namespace Ladder.Api.Manifests;

/// <summary>
/// Reads multi-document YAML (or JSON) manifests holding LiveStreams, TranscodeProfiles, Templates (all
/// <c>ladder.dev/v1alpha1</c>) and core/v1 Secrets, into a <see cref="ManifestSet"/>. YAML is converted to
/// JSON and read with the same System.Text.Json model the operator uses, as strictly as the API server with
/// <c>fieldValidation=Strict</c>: unknown fields and wrong types are errors, each naming the field.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>The namespace of objects whose manifest sets none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>At most this many unknown fields and wrong types are reported per object.</summary>
    private const int MaxProblemsPerObject = 50;

    /// <summary>The JSON options used to read manifest objects: Kubernetes JSON, strict numbers, no unknown fields.</summary>
    public static JsonSerializerOptions StrictOptions { get; } = CreateStrictOptions();

    /// <summary>Reads one file.</summary>
    /// <exception cref="ManifestException">The file has problems; every one found is listed.</exception>
    public static ManifestSet ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads several files into one set (e.g. every file of a directory).</summary>
    /// <exception cref="ManifestException">The files have problems; every one found is listed.</exception>
    public static ManifestSet ReadFiles(IEnumerable<string> paths)
    {
        var objects = new List<ManifestObject>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            objects.AddRange(ReadObjects(File.ReadAllText(path), Path.GetFileName(path), problems));
        }
        return Build(objects, problems);
    }

    /// <summary>Reads manifest text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ManifestException">The text has problems; every one found is listed.</exception>
    public static ManifestSet Read(string yaml, string source = "manifest")
    {
        var problems = new List<string>();
        var objects = ReadObjects(yaml, source, problems);
        return Build(objects, problems);
    }

    private static ManifestSet Build(List<ManifestObject> objects, List<string> problems)
    {
        var seen = new Dictionary<(string, string, string), ManifestObject>();
        foreach (var o in objects)
        {
            if (!seen.TryAdd((o.Kind, o.Namespace, o.Name), o))
            {
                var first = seen[(o.Kind, o.Namespace, o.Name)];
                problems.Add($"{o.Positions.Describe(o.Source, "")}: {o.Kind} {o.Namespace}/{o.Name} is defined twice (first at {first.Source}:{first.Line})");
            }
        }
        var set = new ManifestSet(objects);
        if (problems.Count > 0)
        {
            throw new ManifestException(problems, set);
        }
        return set;
    }

    private static List<ManifestObject> ReadObjects(string yaml, string source, List<string> problems)
    {
        var result = new List<ManifestObject>();
        IReadOnlyList<YamlDocumentJson> documents;
        try
        {
            documents = YamlJson.ReadDocuments(yaml);
        }
        catch (YamlException ex)
        {
            problems.Add($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {InnermostMessage(ex)}");
            return result;
        }
        foreach (var doc in documents)
        {
            if (doc.Json is not null && ReadObject(doc, source, problems) is { } typed)
            {
                result.Add(new ManifestObject(typed, source, doc.Line, doc.Positions));
            }
        }
        return result;
    }

    /// <summary>Reads one document's object, adding each of its problems; null when it has any.</summary>
    private static IKubernetesObject<V1ObjectMeta>? ReadObject(YamlDocumentJson doc, string source, List<string> problems)
    {
        var where = doc.Positions.Describe(source, "");
        if (doc.Json is not JsonObject obj)
        {
            problems.Add($"{where}: document {doc.Index + 1} is not an object");
            return null;
        }
        var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
        var kind = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
        var name = obj["metadata"] is JsonObject metadata && metadata["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
        if (apiVersion is null || kind is null)
        {
            var missing = apiVersion is null ? "apiVersion" : "kind";
            problems.Add($"{doc.Positions.Describe(source, missing)}: document {doc.Index + 1} has no {missing} (or it is not a string); every object needs apiVersion and kind");
            return null;
        }
        var type = (apiVersion, kind) switch
        {
            (LadderApi.ApiVersion, LadderApi.Kinds.LiveStream) => typeof(LiveStream),
            (LadderApi.ApiVersion, LadderApi.Kinds.TranscodeProfile) => typeof(TranscodeProfile),
            (LadderApi.ApiVersion, LadderApi.Kinds.Template) => typeof(Template),
            ("v1", "Secret") => typeof(Secret),
            _ => null,
        };
        if (type is null)
        {
            var hint = apiVersion.StartsWith(LadderApi.Group + "/", StringComparison.Ordinal) && apiVersion != LadderApi.ApiVersion
                ? $"; this version reads {LadderApi.ApiVersion}"
                : "";
            problems.Add($"{doc.Positions.Describe(source, "kind")}: kind \"{kind}\" ({apiVersion}) is not supported{hint}; a manifest holds LiveStream, TranscodeProfile and Template ({LadderApi.ApiVersion}) and Secret (v1)");
            return null;
        }
        if (string.IsNullOrEmpty(name))
        {
            problems.Add($"{doc.Positions.Describe(source, "metadata.name")}: {kind}: metadata.name: required");
            return null;
        }
        var what = $"{kind} \"{name}\"";
        var errors = new List<FieldError>();
        AddEmptyListItems(obj, "", errors);
        if (type == typeof(Secret))
        {
            obj.Remove("status"); // what kubectl get -o yaml writes; a Secret has no status to apply
        }
        var typed = errors.Count == 0 ? Deserialize(obj, type, errors) : null;
        if (typed is Secret secret && errors.Count == 0)
        {
            try
            {
                _ = secret.DecodedValues();
            }
            catch (FormatException ex)
            {
                var colon = ex.Message.IndexOf(": ", StringComparison.Ordinal);
                errors.Add(colon < 0 ? new FieldError("", ex.Message) : new FieldError(ex.Message[..colon], ex.Message[(colon + 2)..]));
            }
        }
        problems.AddRange(errors.Select(e => $"{doc.Positions.Describe(source, e.Path)}: {what}: {e}"));
        return errors.Count == 0 ? typed : null;
    }

    /// <summary>
    /// Deserializes <paramref name="obj"/> as <paramref name="type"/>, collecting every unknown field and wrong type:
    /// System.Text.Json stops at the first, so each offending field is removed from a copy and the read repeated.
    /// Null when the object could not be read at all.
    /// </summary>
    private static IKubernetesObject<V1ObjectMeta>? Deserialize(JsonObject obj, Type type, List<FieldError> errors)
    {
        var copy = (JsonObject)obj.DeepClone();
        for (var attempt = 0; attempt < MaxProblemsPerObject; attempt++)
        {
            try
            {
                return (IKubernetesObject<V1ObjectMeta>?)copy.Deserialize(type, StrictOptions);
            }
            catch (JsonException ex)
            {
                var error = DescribeJsonError(ex);
                errors.Add(error);
                if (!Remove(copy, error.Path))
                {
                    return null;
                }
            }
        }
        return null;
    }

    /// <summary>Adds an error for each empty item (<c>- </c> with nothing after it) of every list under <paramref name="node"/>.</summary>
    private static void AddEmptyListItems(JsonNode? node, string path, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    AddEmptyListItems(child, path.Length == 0 ? key : path + "." + key, errors);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is null)
                    {
                        errors.Add(new FieldError($"{path}[{i}]", "empty list item; give it a value or remove the '-'"));
                    }
                    AddEmptyListItems(a[i], $"{path}[{i}]", errors);
                }
                break;
        }
    }

    /// <summary>Removes the node at field path <paramref name="path"/> (<c>spec.inputs[0].url</c>); false when it is not there.</summary>
    private static bool Remove(JsonObject root, string path)
    {
        var segments = PathSegment().Matches(path).Select(m => m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : (object)(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Value)).ToList();
        if (segments.Count == 0)
        {
            return false;
        }
        JsonNode? node = root;
        foreach (var segment in segments.SkipLast(1))
        {
            node = (node, segment) switch
            {
                (JsonObject o, string key) => o[key],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        }
        return (node, segments[^1]) switch
        {
            (JsonObject o, string key) => o.Remove(key),
            (JsonArray a, int i) when i < a.Count => Remove(a, i),
            _ => false,
        };
    }

    private static bool Remove(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    /// <summary>Turns System.Text.Json's error into the field's path and a message.</summary>
    internal static FieldError DescribeJsonError(JsonException ex)
    {
        var path = JsonPathToFieldPath(ex.Path);
        var message = ex.Message;
        var unmapped = UnmappedMember().Match(message);
        if (unmapped.Success)
        {
            var field = unmapped.Groups[1].Value;
            // STJ reports the path of the object holding the unknown member (sometimes including it).
            if (!path.EndsWith("." + field, StringComparison.Ordinal) && path != field)
            {
                path = path.Length == 0 ? field : path + "." + field;
            }
            return new FieldError(path, "unknown field");
        }
        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            var target = message["The JSON value could not be converted to ".Length..];
            var end = target.IndexOf(" Path: ", StringComparison.Ordinal);
            target = (end < 0 ? target : target[..end]).TrimEnd('.');
            message = $"wrong type; expected {Describe(target)}";
        }
        else if (message.StartsWith("Cannot get the value of a token type", StringComparison.Ordinal) || message.Contains("could not be converted", StringComparison.Ordinal))
        {
            message = "wrong type";
        }
        else
        {
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        return new FieldError(path, message);
    }

    private static string Describe(string clrType)
    {
        var t = clrType.Split(' ')[0];
        return t switch
        {
            _ when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal) => "an integer",
            _ when t.Contains("Double", StringComparison.Ordinal) => "a number",
            _ when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when t.Contains("String", StringComparison.Ordinal) && !t.Contains("Dictionary", StringComparison.Ordinal) => "a string (quote it in YAML)",
            _ when t.Contains("Dictionary", StringComparison.Ordinal) => "a map of strings (quote numbers in YAML)",
            _ when t.Contains("List", StringComparison.Ordinal) => "a list",
            _ => "an object",
        };
    }

    /// <summary><c>$.spec.inputs[0].url</c> to <c>spec.inputs[0].url</c>; <c>$['a.b']</c> to <c>a.b</c>.</summary>
    internal static string JsonPathToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }
        var p = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        p = QuotedSegment().Replace(p, m => "[" + m.Groups[1].Value + "]");
        return p;
    }

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex.Message;
    }

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = new JsonSerializerOptions(WireJson.Options)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedSegment();

    [GeneratedRegex(@"\.?([^.\[\]]+)|\[([0-9]+)\]|\[([^\]]*)\]")]
    private static partial Regex PathSegment();
}
