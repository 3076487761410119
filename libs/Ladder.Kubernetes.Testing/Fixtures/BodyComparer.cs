using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// Compares request bodies by meaning: JSON and YAML (a JSON document is valid YAML) are parsed into one tree
/// where mapping key order does not matter and scalars compare by text, so a JSON apply body matches a recorded YAML one.
/// </summary>
internal static class BodyComparer
{
    public static bool Equivalent(string recorded, string sent)
    {
        if (recorded.Length == 0 || sent.Length == 0)
        {
            return recorded.Length == sent.Length;
        }

        return Canonical(recorded) is { } a && Canonical(sent) is { } b ? a == b : recorded == sent;
    }

    public static string? Canonical(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var result = new StringBuilder();
            Write(stream.Documents[0].RootNode, result);
            return result.ToString();
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static void Write(YamlNode node, StringBuilder into)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                into.Append('{');
                foreach (var (key, value) in mapping.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
                {
                    into.Append(((YamlScalarNode)key).Value).Append(':');
                    Write(value, into);
                    into.Append(',');
                }

                into.Append('}');
                break;
            case YamlSequenceNode sequence:
                into.Append('[');
                foreach (var item in sequence)
                {
                    Write(item, into);
                    into.Append(',');
                }

                into.Append(']');
                break;
            case YamlScalarNode scalar:
                into.Append('"').Append(scalar.Style == ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? "null" : scalar.Value).Append('"');
                break;
        }
    }
}
