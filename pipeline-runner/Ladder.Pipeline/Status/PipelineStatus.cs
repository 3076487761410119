using Ladder.Api.Runner;
using Ladder.Pipeline.Ingest;

namespace Ladder.Pipeline.Status;

/// <summary>
/// A snapshot of a running pipeline (the runner serves it as JSON at <c>/v1/status</c>): the input being read, every
/// stage with its state, error and counters, and each output track's figures.
/// </summary>
/// <param name="Stream">The LiveStream, <c>namespace/name</c>.</param>
/// <param name="Generation">The <c>PipelineSpec.Generation</c> being executed.</param>
/// <param name="ActiveInput">The name of the input being read; null while none delivers (starting, reconnecting, ended).</param>
/// <param name="Stages">All stages, ingest first.</param>
/// <param name="Tracks">The ladder's renditions in spec order, then <c>audio</c>.</param>
/// <param name="Inputs">Each input's health in priority order; null when the pipeline reads a single input.</param>
/// <param name="Switches">The last 20 input switches, newest first, each with the media time it lost; null for a single input.</param>
/// <param name="TimelineOrigin">
/// The UTC wall-clock time of output presentation time zero (the origin of <c>EXT-X-PROGRAM-DATE-TIME</c>: the first
/// packet's arrival less its presentation time); null until the first packet arrives.
/// </param>
public sealed record PipelineStatus(
    string Stream,
    long Generation,
    string? ActiveInput,
    IReadOnlyList<StageStatus> Stages,
    IReadOnlyList<TrackStatus> Tracks,
    IReadOnlyList<RunnerInputStatus>? Inputs = null,
    IReadOnlyList<InputSwitch>? Switches = null,
    DateTimeOffset? TimelineOrigin = null);
