using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>The runner pod's image, resources and placement.</summary>
public sealed class RunnerSpec
{
    /// <summary>Runner image override; default: the operator's own pipeline-runner image.</summary>
    [MaxLength(512)]
    public string? Image { get; set; }

    /// <summary>CPU, memory and device (e.g. nvidia.com/gpu) requests and limits.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Node labels the runner pod must match, e.g. a GPU node pool.</summary>
    [MaxProperties(32)]
    [MaxLength(63)]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Taints the runner pod tolerates, e.g. nvidia.com/gpu:NoSchedule.</summary>
    [MaxItems(16)]
    public IList<Toleration>? Tolerations { get; set; }
}
