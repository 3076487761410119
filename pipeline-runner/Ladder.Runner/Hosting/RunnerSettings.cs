using Ladder.Api.Pipeline;

namespace Ladder.Runner.Hosting;

/// <summary>What one runner process runs and where it listens.</summary>
/// <param name="Spec">The resolved, validated pipeline.</param>
/// <param name="Http">Kestrel's listen address, e.g. <c>http://0.0.0.0:8080</c> (port 0 picks a free port).</param>
/// <param name="OutputDirectory">A directory the packager also writes its playlists and segments to, or null for memory only.</param>
/// <param name="AdminToken">The admin API's bearer token (<c>LADDER_ADMIN_TOKEN</c>, or <c>--admin-token</c> standalone); null disables the admin API's write routes.</param>
/// <param name="SpecFile">The spec file the runner started from (<c>--spec</c>), watched for changes; null otherwise.</param>
internal sealed record RunnerSettings(PipelineSpec Spec, Uri Http, string? OutputDirectory, string? AdminToken = null, string? SpecFile = null);
