using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>The runner pod's image, resources and placement.</summary>
public sealed class RunnerSpec
{
    /// <summary>Runner image override; default: the operator's own pipeline-runner image.</summary>
    [MaxLength(512)]
    public string? Image { get; set; }

    /// <summary>
    /// CPU, memory and device (e.g. nvidia.com/gpu) requests and limits. Unset, the runner requests what its ladder
    /// needs to stay real time: CPU = 0.1 + the sum over encoded renditions of width x height x fps (30 when it keeps
    /// the source's) in megapixels/s x 0.0237 core (libx264 veryfast; x the preset's factor: ultrafast 0.22, superfast
    /// 0.52, faster 1.48, fast 1.81, medium 2.11; libx265 veryfast 2.94, medium 4.74; hardware encoders 0.15) + the top
    /// rendition's megapixels/s x 0.0035 (decoding); memory = 192 MiB + 96 bytes per pixel per rendition, limit 1.5x.
    /// A 4-rung 1080p24 x264 veryfast ladder gets 2400m and 576Mi.
    /// </summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Node labels the runner pod must match, e.g. a GPU node pool.</summary>
    [MaxProperties(32)]
    [MaxLength(63)]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Taints the runner pod tolerates, e.g. nvidia.com/gpu:NoSchedule.</summary>
    [MaxItems(16)]
    public IList<Toleration>? Tolerations { get; set; }
}
