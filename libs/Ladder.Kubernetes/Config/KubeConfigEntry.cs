using YamlDotNet.RepresentationModel;

namespace Ladder.Kubernetes;

/// <summary>A named cluster, user or context body, with the kubeconfig file it came from (for relative paths and messages).</summary>
internal sealed record KubeConfigEntry(string File, YamlMappingNode Node);
