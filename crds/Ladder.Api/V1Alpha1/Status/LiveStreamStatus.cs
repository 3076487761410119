using k8s.Models;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Observed state of a LiveStream.</summary>
public sealed class LiveStreamStatus
{
    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Starting, Live, Degraded, Failed or Paused.</summary>
    public LiveStreamPhase? Phase { get; set; }

    /// <summary>Ready, Reconciling and Stalled (kstatus), and InputHealthy.</summary>
    [ListMap("type")]
    [MaxItems(16)]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>Name of the input the runner is reading now.</summary>
    [MaxLength(32)]
    public string? ActiveInput { get; set; }

    /// <summary>Playback and ingest URLs.</summary>
    public StreamEndpoints? Endpoints { get; set; }

    /// <summary>The renditions being published.</summary>
    [MaxItems(8)]
    public IList<RenditionStatus>? Renditions { get; set; }

    /// <summary>The latest input switches, newest first (at most 10).</summary>
    [MaxItems(10)]
    public IList<FailoverEvent>? RecentFailovers { get; set; }

    /// <summary>The generation of the PipelineSpec the runner is executing.</summary>
    public long? PipelineGeneration { get; set; }

    /// <summary>How the runner applied the last PipelineSpec change.</summary>
    public ReloadSummary? LastReload { get; set; }
}
