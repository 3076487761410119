using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.Validation;
using Ladder.Pipeline.Reload;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Admin;

/// <summary>
/// Applies a new PipelineSpec to the running runner, for <c>PUT /v1/pipeline</c> and for the spec file watcher: parses
/// and validates it (<see cref="PipelineSpecValidator"/>; 422 naming each field, the pipeline untouched), refuses a
/// lower generation (409), answers an already-running generation with an empty plan (200, idempotent), refuses a change
/// a live stream cannot take (422 naming the field, e.g. <c>spec.outputs.hls.segmentDuration</c>, before anything
/// stops: <see cref="ReloadPlanner.Refusals"/>), and otherwise has the runtime carry out the plan and returns it. One
/// reload at a time.
/// </summary>
internal sealed partial class PipelineReloader(IPipelineRuntime runtime, CurrentSpec current, RunnerLifecycle lifecycle, ILogger<PipelineReloader> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Releases the reload lock.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>Parses <paramref name="json"/> and applies it.</summary>
    /// <param name="json">The PipelineSpec JSON (with secrets).</param>
    /// <param name="cancellationToken">Cancels waiting for a reload in progress.</param>
    public async Task<ReloadOutcome> ApplyJsonAsync(string json, CancellationToken cancellationToken)
    {
        PipelineSpec spec;
        try
        {
            spec = PipelineSpec.FromJson(json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            return new ReloadOutcome(422, null, RunnerAdminApi.InvalidSpec([new FieldError("", "the body is not a PipelineSpec: " + ex.Message)]));
        }

        return await ApplyAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates <paramref name="next"/> and applies it.</summary>
    /// <param name="next">The new spec.</param>
    /// <param name="cancellationToken">Cancels waiting for a reload in progress.</param>
    public async Task<ReloadOutcome> ApplyAsync(PipelineSpec next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var errors = new PipelineSpecValidator().Validate(next).ToFieldErrors();
        if (errors.Count > 0)
        {
            LogRefused(logger, next.Generation, string.Join("; ", errors));
            return new ReloadOutcome(422, null, RunnerAdminApi.InvalidSpec(errors));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var running = current.Spec;
            if (next.Generation < running.Generation)
            {
                return new ReloadOutcome(409, null, Failure(409, StatusReasons.Conflict, $"generation {next.Generation} is older than the running generation {running.Generation}"));
            }

            if (next.Generation == running.Generation)
            {
                return new ReloadOutcome(200, new ReloadPlan { PipelineGeneration = running.Generation, PreviousGeneration = running.Generation, Kept = StageNames.Of(running) }, null);
            }

            if (lifecycle.State != RunnerState.Running)
            {
                return new ReloadOutcome(409, null, Failure(409, StatusReasons.Conflict, $"the pipeline is {lifecycle.State.ToString().ToLowerInvariant()}; it cannot be reloaded now"));
            }

            var refused = ReloadPlanner.Refusals(PipelineDiff.Compute(running, next));
            if (refused.Count > 0)
            {
                LogRefused(logger, next.Generation, string.Join("; ", refused));
                return new ReloadOutcome(422, null, RunnerAdminApi.InvalidSpec(refused));
            }

            current.Reloading = true;
            try
            {
                var plan = await runtime.ApplyAsync(next, cancellationToken).ConfigureAwait(false);
                current.Applied(next, plan);
                var described = plan.Describe();
                LogApplied(logger, running.Generation, next.Generation, described);
                return new ReloadOutcome(200, plan, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, next.Generation, ex);
                return new ReloadOutcome(500, null, Failure(500, "InternalError", $"applying generation {next.Generation} failed: {ex.Message}"));
            }
            finally
            {
                current.Reloading = false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A <c>metav1.Status</c> failure body.</summary>
    public static Ladder.Api.Meta.Status Failure(int code, string reason, string message) => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Outcome = "Failure",
        Code = code,
        Reason = reason,
        Message = message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded generation {Previous} -> {Next}: {Plan}")]
    private static partial void LogApplied(ILogger logger, long previous, long next, string plan);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused PipelineSpec generation {Generation}: {Errors}")]
    private static partial void LogRefused(ILogger logger, long generation, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying PipelineSpec generation {Generation} failed")]
    private static partial void LogFailed(ILogger logger, long generation, Exception exception);
}
