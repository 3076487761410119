namespace Ladder.Api.Runner;

/// <summary>
/// The body of <c>GET /v1/status</c> (<see cref="RunnerAdminApi.StatusPath"/>): what one runner executes and how it goes.
/// The operator copies it into the LiveStream's status. Lists are never null on the wire (empty arrays instead).
/// </summary>
public sealed record RunnerStatus
{
    /// <summary>The <see cref="Pipeline.PipelineSpec.Generation"/> the runner executes now (0 before any spec is running).</summary>
    public required long PipelineGeneration { get; init; }

    /// <summary>The pipeline's lifecycle phase.</summary>
    public required RunnerPhase Phase { get; init; }

    /// <summary>The name of the input being read now, or null when none delivers packets.</summary>
    public string? ActiveInput { get; init; }

    /// <summary>Every configured input, in priority order (index 0 is the primary).</summary>
    public IReadOnlyList<RunnerInputStatus> Inputs { get; init; } = [];

    /// <summary>The renditions being published, top first.</summary>
    public IReadOnlyList<RunnerRenditionStatus> Renditions { get; init; } = [];

    /// <summary>Where the runner serves its playlists.</summary>
    public RunnerEndpoints Endpoints { get; init; } = new();

    /// <summary>The latest input switches, newest first, at most 10.</summary>
    public IReadOnlyList<RunnerFailover> RecentFailovers { get; init; } = [];

    /// <summary>How the last <c>PUT /v1/pipeline</c> was applied, or null when the runner still runs the spec it started with.</summary>
    public ReloadPlan? LastReload { get; init; }

    /// <summary>Why the pipeline failed (phase <c>failed</c>) or the last error of a stage, with secrets masked; null when none.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// When this runner process started its pipeline (UTC), or null before. A restarted runner has a new one, so its
    /// status never carries the entity tag of the runner it replaced (<see cref="RunnerStatusETag"/>).
    /// </summary>
    public DateTimeOffset? StartedAt { get; init; }
}
