using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
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

    /// <summary>Stops the stages, draining what the encoders hold, then finishes the packager.</summary>
    /// <param name="cancellationToken">Cancelled when the host's shutdown timeout runs out: the stages stop without draining.</param>
    Task StopAsync(CancellationToken cancellationToken);
}
