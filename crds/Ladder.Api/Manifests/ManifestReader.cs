using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ladder.Api.V1Alpha1;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Serialization;
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
                problems.Add($"{o.Source}:{o.Line}: {o.Kind} {o.Namespace}/{o.Name} is defined twice (first at {seen[(o.Kind, o.Namespace, o.Name)].Source}:{seen[(o.Kind, o.Namespace, o.Name)].Line})");
            }
        }
        if (problems.Count > 0)
        {
            throw new ManifestException(problems);
        }
        return new ManifestSet(objects);
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
            problems.Add($"{source}:{ex.Start.Line}: not valid YAML: {InnermostMessage(ex)}");
            return result;
        }
        foreach (var doc in documents)
        {
            if (doc.Json is null)
            {
                continue;
            }
            var where = $"{source}:{doc.Line}";
            if (doc.Json is not JsonObject obj)
            {
                problems.Add($"{where}: document {doc.Index + 1} is not an object");
                continue;
            }
            var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
            var kind = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
            var name = obj["metadata"]?["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            var what = $"{kind ?? "object"} \"{name}\"";
            if (apiVersion is null || kind is null)
            {
                problems.Add($"{where}: document {doc.Index + 1} has no {(apiVersion is null ? "apiVersion" : "kind")}; every object needs apiVersion and kind");
                continue;
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
                problems.Add($"{where}: kind \"{kind}\" ({apiVersion}) is not supported{hint}; a manifest holds LiveStream, TranscodeProfile and Template ({LadderApi.ApiVersion}) and Secret (v1)");
                continue;
            }
            if (string.IsNullOrEmpty(name))
            {
                problems.Add($"{where}: {kind}: metadata.name: required");
                continue;
            }
            KubernetesObject typed;
            try
            {
                typed = (KubernetesObject)obj.Deserialize(type, StrictOptions)!;
            }
            catch (JsonException ex)
            {
                problems.Add($"{where}: {what}: {DescribeJsonError(ex)}");
                continue;
            }
            var unknown = typed.ExtensionData?.Keys.Where(key => !(type == typeof(Secret) && key == "status")).Order(StringComparer.Ordinal).ToList() ?? [];
            if (unknown.Count > 0)
            {
                problems.Add($"{where}: {what}: {unknown[0]}: unknown field");
                continue;
            }
            if (typed is Secret secret)
            {
                try
                {
                    _ = secret.DecodedValues();
                }
                catch (FormatException ex)
                {
                    problems.Add($"{where}: {what}: {ex.Message}");
                    continue;
                }
            }
            result.Add(new ManifestObject(typed, source, doc.Line));
        }
        return result;
    }

    /// <summary>Turns System.Text.Json's error into <c>field.path: message</c>.</summary>
    internal static string DescribeJsonError(JsonException ex)
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
            return $"{path}: unknown field";
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
        return path.Length == 0 ? message : $"{path}: {message}";
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
        var options = new JsonSerializerOptions(KubernetesJson.Options)
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
}
