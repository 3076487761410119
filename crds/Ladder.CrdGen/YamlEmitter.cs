using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ladder.CrdGen;

/// <summary>
/// Writes a JSON tree as block-style YAML the way controller-gen lays out CRDs: map keys sorted, sequences
/// not indented under their key, multi-line strings as literal blocks, strings quoted only when needed.
/// Deterministic: the same tree always gives the same bytes.
/// </summary>
public static partial class YamlEmitter
{
    /// <summary>The YAML text of <paramref name="node"/>, ending with a newline.</summary>
    public static string Emit(JsonNode node)
    {
        var sb = new StringBuilder();
        if (node is JsonObject obj)
        {
            WriteMap(sb, obj, 0);
        }
        else if (node is JsonArray array)
        {
            WriteSequence(sb, array, 0);
        }
        else
        {
            sb.Append(Scalar(node, 0)).Append('\n');
        }
        return sb.ToString();
    }

    // Keys at indent; with firstOnDashLine the first key goes on the line of a sequence item's '-'.
    private static void WriteMap(StringBuilder sb, JsonObject obj, int indent, bool firstOnDashLine = false)
    {
        var first = firstOnDashLine;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (first)
            {
                sb.Append(' ');
                first = false;
            }
            else
            {
                sb.Append(' ', indent);
            }
            sb.Append(Key(key)).Append(':');
            WriteValue(sb, value, indent, inSequence: false);
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray array, int indent)
    {
        foreach (var item in array)
        {
            sb.Append(' ', indent).Append('-');
            WriteValue(sb, item, indent, inSequence: true);
        }
    }

    // Writes what follows a map key's ':' or a sequence item's '-' at indent. A map's sequence is not
    // indented under its key; a sequence's nested sequence and map are.
    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0 && inSequence:
                WriteMap(sb, o, indent + 2, firstOnDashLine: true);
                break;
            case JsonObject o when o.Count > 0:
                sb.Append('\n');
                WriteMap(sb, o, indent + 2);
                break;
            case JsonObject:
                sb.Append(" {}\n");
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequence(sb, a, inSequence ? indent + 2 : indent);
                break;
            case JsonArray:
                sb.Append(" []\n");
                break;
            default:
                sb.Append(' ').Append(Scalar(value, indent + 2)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    private static string Scalar(JsonNode? node, int indent)
    {
        if (node is null)
        {
            return "null";
        }
        var element = JsonSerializer.SerializeToElement(node);
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var l))
                {
                    return l.ToString(CultureInfo.InvariantCulture);
                }
                var d = element.GetDouble();
                return d == Math.Floor(d) && Math.Abs(d) < 1e15
                    ? ((long)d).ToString(CultureInfo.InvariantCulture)
                    : d.ToString("R", CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                var s = element.GetString()!;
                if (s.Contains('\n', StringComparison.Ordinal) && CanBeLiteralBlock(s))
                {
                    var pad = new string(' ', indent);
                    return "|-\n" + string.Join("\n", s.Split('\n').Select(line => line.Length == 0 ? "" : pad + line));
                }
                return IsPlainSafe(s) ? s : Quote(s);
            default:
                throw new InvalidOperationException($"unexpected JSON value {element.ValueKind}");
        }
    }

    private static bool CanBeLiteralBlock(string s) =>
        !s.StartsWith(' ') && !s.EndsWith('\n') && s.Split('\n').All(line => !line.EndsWith(' ') && !line.Contains('\t', StringComparison.Ordinal))
        && s.All(c => c >= ' ' || c == '\n');

    // Conservative: letters first, no ':' '#' or quotes-at-start, and nothing YAML 1.1 would read as another type.
    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && PlainSafe().IsMatch(s) && !s.EndsWith(' ') && !ReservedWords.Contains(s);

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9 ._/(),;'=+<>-]*$")]
    private static partial Regex PlainSafe();
}
