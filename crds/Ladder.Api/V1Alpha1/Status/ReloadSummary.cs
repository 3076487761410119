using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>How the runner applied a PipelineSpec change.</summary>
public sealed class ReloadSummary
{
    /// <summary>When the change took effect.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>PipelineSpec generation applied.</summary>
    public long? PipelineGeneration { get; set; }

    /// <summary>True when the change needed a pipeline restart rather than a live reload.</summary>
    public bool? Restarted { get; set; }

    /// <summary>Human-readable plan, e.g. "added push target twitch; restarted encoder 720p".</summary>
    [MaxLength(1024)]
    public string? Summary { get; set; }
}
