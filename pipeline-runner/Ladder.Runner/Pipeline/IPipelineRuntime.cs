using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Status;

namespace Ladder.Runner.Pipeline;

/// <summary>
/// The media side the runner hosts: the live pipeline and the packager that publishes its segments. The HTTP
/// surface (origin, status, readiness) only sees this, so it is tested against a fake without any media.
/// </summary>
internal interface IPipelineRuntime
{
    /// <summary>What the origin serves (playlists, manifests and segments by relative path); null before <see cref="Start"/>.</summary>
    IOriginContent? Origin { get; }

    /// <summary>Starts packaging, ingest and transcoding; returns once the stages run (inputs connect in the background).</summary>
    /// <exception cref="Exception">The spec cannot run here (FFmpeg missing, an unsupported output); the runner exits.</exception>
    void Start();

    /// <summary>The media core's status: active input, per stage state, counters and last error, per track figures; null before <see cref="Start"/>.</summary>
    PipelineStatus? GetPipelineStatus();

    /// <summary>The packager's status: segments published and packets dropped per track; null before <see cref="Start"/>.</summary>
    PackagerStatus? GetPackagerStatus();

    /// <summary>Each push target's connection state and counters (secrets masked); empty before <see cref="Start"/> or without push targets.</summary>
    IReadOnlyList<PushDestinationStatus> GetPushStatus() => [];

    /// <summary>
    /// Applies a new, validated spec by the plan of <see cref="Ladder.Pipeline.Reload.ReloadPlanner"/>: only the stages
    /// the plan names start, stop, restart or update; the rest keep running.
    /// </summary>
    /// <param name="next">The new spec (validated, a higher generation, no <see cref="Ladder.Pipeline.Reload.ReloadPlanner.Refusals"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for another reload in progress.</param>
    /// <returns>The plan as applied.</returns>
    /// <exception cref="NotSupportedException">This runtime cannot reload.</exception>
    Task<Ladder.Api.Runner.ReloadPlan> ApplyAsync(Ladder.Api.Pipeline.PipelineSpec next, CancellationToken cancellationToken) =>
        throw new NotSupportedException("this runtime cannot reload its pipeline");

    /// <summary>Makes input <paramref name="name"/> the active one now (a manual failover).</summary>
    /// <param name="name">An input name from the spec.</param>
    /// <returns>False when there is no such input.</returns>
    bool ActivateInput(string name) => false;

    /// <summary>Stops the stages, draining what the encoders hold, then finishes the packager.</summary>
    /// <param name="cancellationToken">Cancelled when the host's shutdown timeout runs out: the stages stop without draining.</param>
    Task StopAsync(CancellationToken cancellationToken);
}
