using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Status;

namespace Ladder.Runner.Status;

/// <summary>The body of <c>GET /v1/status</c>.</summary>
/// <param name="State">The runner's state: starting, running, failed, stopping, stopped.</param>
/// <param name="LastError">Why the pipeline failed to start or stop, or null.</param>
/// <param name="StartedAt">When the pipeline started (UTC), or null.</param>
/// <param name="Generation">The <c>PipelineSpec</c> generation the runner executes.</param>
/// <param name="Stream">The LiveStream, <c>namespace/name</c>.</param>
/// <param name="Ready">True once every rendition has published its first segment (what <c>/readyz</c> answers).</param>
/// <param name="Inputs">The configured inputs in priority order (keys masked).</param>
/// <param name="Renditions">The ladder and what each rendition has published.</param>
/// <param name="Outputs">Where the playlists are and the push targets (keys masked).</param>
/// <param name="Pipeline">The media core's status: the active input, per stage state, counters and last error, per track figures; null before the start.</param>
/// <param name="Packager">The packager's status: segments published and packets dropped per track; null before the start.</param>
internal sealed record RunnerStatus(
    string State,
    string? LastError,
    DateTimeOffset? StartedAt,
    long Generation,
    string Stream,
    bool Ready,
    IReadOnlyList<InputStatus> Inputs,
    IReadOnlyList<RenditionStatus> Renditions,
    OutputsStatus Outputs,
    PipelineStatus? Pipeline,
    PackagerStatus? Packager);
