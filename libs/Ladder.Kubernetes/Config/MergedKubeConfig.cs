using YamlDotNet.RepresentationModel;

namespace Ladder.Kubernetes;

/// <summary>
/// Several kubeconfig files merged by the clientcmd rules: the first file to define a name wins, and the first
/// non-empty <c>current-context</c> wins.
/// </summary>
internal sealed class MergedKubeConfig
{
    private readonly Dictionary<string, KubeConfigEntry> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeConfigEntry> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeConfigEntry> _contexts = new(StringComparer.Ordinal);

    public string? CurrentContext { get; private set; }

    public IReadOnlyDictionary<string, KubeConfigEntry> Clusters => _clusters;

    public IReadOnlyDictionary<string, KubeConfigEntry> Users => _users;

    public IReadOnlyDictionary<string, KubeConfigEntry> Contexts => _contexts;

    public void Add(string file, YamlMappingNode root)
    {
        if (string.IsNullOrEmpty(CurrentContext))
        {
            CurrentContext = KubeConfigLoader.Scalar(root, "current-context");
        }

        AddNamed(file, root, "clusters", "cluster", _clusters);
        AddNamed(file, root, "users", "user", _users);
        AddNamed(file, root, "contexts", "context", _contexts);
    }

    private static void AddNamed(string file, YamlMappingNode root, string listKey, string bodyKey, Dictionary<string, KubeConfigEntry> into)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is not YamlSequenceNode items)
        {
            return;
        }

        foreach (var item in items.OfType<YamlMappingNode>())
        {
            var name = KubeConfigLoader.Scalar(item, "name");
            if (name is null)
            {
                throw new KubeConfigException($"An entry of {listKey} in {file} has no name: give every {bodyKey} a name.");
            }

            var body = item.Children.TryGetValue(new YamlScalarNode(bodyKey), out var node) && node is YamlMappingNode mapping ? mapping : new YamlMappingNode();
            into.TryAdd(name, new KubeConfigEntry(file, body));
        }
    }
}
