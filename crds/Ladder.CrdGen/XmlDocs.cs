using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ladder.CrdGen;

/// <summary>Reads the XML documentation files beside assemblies and turns summaries into plain-text descriptions.</summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> _summaries = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _loaded = [];

    /// <summary>The description of a type (its summary), or null.</summary>
    public string? ForType(Type type) => Get(type.Assembly, "T:" + DocName(type));

    /// <summary>The description of a property (its summary), or null.</summary>
    public string? ForProperty(PropertyInfo property) =>
        Get(property.DeclaringType!.Assembly, "P:" + DocName(property.DeclaringType!) + "." + property.Name);

    private string? Get(Assembly assembly, string id)
    {
        Load(assembly);
        return _summaries.TryGetValue(id, out var text) ? text : null;
    }

    private void Load(Assembly assembly)
    {
        if (!_loaded.Add(assembly))
        {
            return;
        }
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"XML documentation for {assembly.GetName().Name} not found at {path}; build with GenerateDocumentationFile", path);
        }
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                _summaries[name] = Render(summary);
            }
        }
    }

    private static string DocName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>Plain text of a doc element: code and references inlined, whitespace collapsed, paragraphs kept.</summary>
    public static string Render(XElement element)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        void Walk(XNode node)
        {
            switch (node)
            {
                case XText text:
                    current.Append(text.Value);
                    break;
                case XElement e when e.Name.LocalName == "para":
                    Flush();
                    foreach (var child in e.Nodes())
                    {
                        Walk(child);
                    }
                    Flush();
                    break;
                case XElement e when e.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                    var reference = e.Attribute("langword")?.Value ?? e.Attribute("name")?.Value ?? e.Attribute("cref")?.Value ?? "";
                    if (reference.Length > 1 && reference[1] == ':')
                    {
                        reference = reference[2..];
                        reference = reference[(reference.LastIndexOf('.') + 1)..];
                    }
                    current.Append(e.Value.Length > 0 ? e.Value : reference);
                    break;
                case XElement e:
                    foreach (var child in e.Nodes())
                    {
                        Walk(child);
                    }
                    break;
                default:
                    break;
            }
        }
        void Flush()
        {
            var text = Whitespace().Replace(current.ToString(), " ").Trim();
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
            current.Clear();
        }
        foreach (var node in element.Nodes())
        {
            Walk(node);
        }
        Flush();
        return string.Join("\n\n", paragraphs);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
