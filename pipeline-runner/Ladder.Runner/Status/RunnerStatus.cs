using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Status;

namespace Ladder.Runner.Status;

/// <summary>
/// The runner's own part of <c>GET /v1/status</c>, beside the contract's fields (<c>phase</c>, <c>pipelineGeneration</c>,
/// <c>endpoints</c>: see <see cref="RunnerStatusJson"/>), each fact stated once.
/// </summary>
/// <param name="LastError">Why the pipeline failed to start or stop, or null.</param>
/// <param name="Stream">The LiveStream, <c>namespace/name</c>.</param>
/// <param name="Ready">True once every rendition has published its first segment (what <c>/readyz</c> answers).</param>
/// <param name="Inputs">The configured inputs in priority order (keys masked).</param>
/// <param name="Renditions">The ladder and what each rendition has published.</param>
/// <param name="Outputs">The push targets (keys masked); where the playlists are is the contract's <c>endpoints</c>.</param>
/// <param name="Pipeline">The media core's status: the active input, per stage state, counters and last error, per track figures; null before the start.</param>
/// <param name="Packager">The packager's status: segments published and packets dropped per track; null before the start.</param>
internal sealed record RunnerStatus(
    string? LastError,
    string Stream,
    bool Ready,
    IReadOnlyList<InputStatus> Inputs,
    IReadOnlyList<RenditionStatus> Renditions,
    OutputsStatus Outputs,
    PipelineStatus? Pipeline,
    PackagerStatus? Packager);
