using k8s.Models;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Errors;
using Ladder.ControllerRuntime.Events;
using Ladder.Operator.Apply;
using Ladder.Operator.Builders;
using Ladder.Operator.Hosting;
using Ladder.Operator.Metrics;
using Ladder.Operator.Runner;
using Ladder.Operator.Status;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Reconciles one LiveStream by key, level-based: resolve it from the caches, apply the Secret, Service and Deployment
/// (server-side apply, skipped when unchanged), hot-reload the runner through its admin API when only the pipeline
/// changed, and write the status when it differs. A runner object the API server refuses as invalid (422) stalls the
/// stream with the server's message (retrying cannot help until the stream changes); other refusals are retried.
/// Deletion is left to the garbage collector (every owned object has an owner reference; nothing outside the cluster
/// needs cleaning, so there is no finalizer).
/// </summary>
internal sealed partial class LiveStreamReconciler(
    OperatorInformers cache,
    OperatorClients clients,
    RunnerAdminClient runners,
    RunnerStatusWatches watches,
    IRunnerAddresses addresses,
    IEventRecorder events,
    OperatorOptions options,
    TimeProvider time,
    ILogger<LiveStreamReconciler> logger,
    OperatorMetrics? metrics = null) : IReconciler
{
    private readonly ServiceRunnerAddresses _serviceAddresses = new(options.ServiceDomain);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var stream = cache.Streams.Store.Get(key);
        if (stream is null || stream.Metadata.DeletionTimestamp is not null)
        {
            watches.Stop(key);
            return ReconcileResult.Done;
        }

        var generation = stream.Metadata.Generation ?? 1;
        var secretKey = new ObjectKey(key.Namespace, RunnerLabels.SecretName(stream));
        // The informer may not have seen a Secret an earlier reconcile created, and resolving without it would mint a
        // second admin token (and restart the pipeline generation): the token is generated only when the Secret really
        // does not exist, and kept from then on.
        var existingSecret = cache.Secrets.Store.Get(secretKey) ?? await clients.ReadSecretAsync(key.Namespace, secretKey.Name, cancellationToken).ConfigureAwait(false);
        var (inputs, stall) = StreamResolution.Resolve(stream, cache, existingSecret);
        if (stall is not null)
        {
            return await StallAsync(key, stream, generation, stall, cancellationToken).ConfigureAwait(false);
        }

        var pipeline = inputs!.Pipeline;
        var liveDeployment = cache.Deployments.Store.Get(key);
        ApplyOutcome secretOutcome, deploymentOutcome;
        try
        {
            (_, secretOutcome) = await ServerSideApplier.ApplyAsync<V1Secret>(clients.ApplySecretAsync, RunnerSecretBuilder.Build(inputs), existingSecret, cancellationToken).ConfigureAwait(false);
            await ServerSideApplier.ApplyAsync<V1Service>(clients.ApplyServiceAsync, RunnerServiceBuilder.Build(inputs), cache.Services.Store.Get(key), cancellationToken).ConfigureAwait(false);
            (_, deploymentOutcome) = await ServerSideApplier.ApplyAsync(clients.ApplyDeploymentAsync, RunnerDeploymentBuilder.Build(inputs, options), liveDeployment, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsInvalid)
        {
            // The API server refuses an object built from the stream (a nodeSelector label or a toleration it does not
            // accept, say): retrying cannot help until the stream changes, so the stream stalls in the server's words.
            var refused = new Stall(ConditionReasons.InvalidSpec, "the API server refused the runner's objects: " + e.Status.Message);
            return await StallAsync(key, stream, generation, refused, cancellationToken).ConfigureAwait(false);
        }

        if (secretOutcome != ApplyOutcome.Unchanged)
        {
            LogPipeline(logger, key.ToString(), pipeline.Generation, pipeline.ToRedactedJson(indented: false));
        }

        if (deploymentOutcome == ApplyOutcome.Created)
        {
            events.Record(stream, EventType.Normal, "Created", "Reconcile", $"created the runner Deployment, Service and Secret (pipeline generation {pipeline.Generation})");
        }

        var observation = new StreamObservation
        {
            Generation = generation,
            DesiredPipelineGeneration = pipeline.Generation,
            Paused = inputs.Paused,
        };
        if (inputs.Paused)
        {
            watches.Stop(key);
            await WriteStatusAsync(stream, observation with { Endpoints = EndpointsBuilder.Build(pipeline, _serviceAddresses.Host(stream), null) }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var podIsCurrent = deploymentOutcome == ApplyOutcome.Unchanged && RolloutComplete(liveDeployment!);
        (observation, var etag) = await ObserveRunnerAsync(stream, inputs, podIsCurrent, observation, cancellationToken).ConfigureAwait(false);
        if (observation.Runner is null)
        {
            observation = observation with { Pod = RunnerPodDiagnosis.Diagnose(cache.PodsOf(key)) };
        }

        var readyBefore = stream.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Reason;
        if (await WriteStatusAsync(stream, observation, cancellationToken).ConfigureAwait(false) && observation.Pod is { } pod && pod.Reason != readyBefore)
        {
            events.Record(stream, pod.Stalled ? EventType.Warning : EventType.Normal, pod.Reason, "Observe", pod.Message);
        }

        var settled = observation.Stall is null && observation.Runner is { } r && r.PipelineGeneration >= pipeline.Generation && r.Phase == RunnerPhase.Running;
        if (!settled)
        {
            watches.Stop(key);
            return ReconcileResult.After(options.ReconcilingPollInterval);
        }

        watches.Watch(key, addresses.BaseAddress(stream), inputs.AdminToken, etag);
        return ReconcileResult.Done;
    }

    // Stops watching the runner and writes the stall; records it (a Warning event, a log line) when the status changed.
    private async Task<ReconcileResult> StallAsync(ObjectKey key, LiveStream stream, long generation, Stall stall, CancellationToken cancellationToken)
    {
        watches.Stop(key);
        if (await WriteStatusAsync(stream, new StreamObservation { Generation = generation, Stall = stall }, cancellationToken).ConfigureAwait(false))
        {
            events.Record(stream, EventType.Warning, stall.Reason, "Reconcile", stall.Message);
            LogStalled(logger, key.ToString(), stall.Reason, stall.Message);
        }

        return ReconcileResult.Done;
    }

    // True when the deployment controller has seen the current pod template and no pod of an older one is left
    // (kstatus' Deployment rule): only then does the runner answering the Service run the current pod template.
    private static bool RolloutComplete(V1Deployment deployment) =>
        deployment.Status is { } s && s.ObservedGeneration >= deployment.Metadata.Generation && (s.UpdatedReplicas ?? 0) == (s.Replicas ?? 0);

    // Reads the runner's status; hands it the new spec when it runs an older generation and its pod is current (a pod
    // being replaced, for a new image, GPU or port, starts from the Secret's spec anyway, and must not get a spec that
    // needs what it lacks). Returns the observation and the status' entity tag.
    private async Task<(StreamObservation Observation, string? ETag)> ObserveRunnerAsync(LiveStream stream, RunnerInputs inputs, bool podIsCurrent, StreamObservation observation, CancellationToken cancellationToken)
    {
        var pipeline = inputs.Pipeline;
        var address = addresses.BaseAddress(stream);
        try
        {
            var (status, etag) = await runners.GetStatusAsync(address, inputs.AdminToken, cancellationToken).ConfigureAwait(false);
            if (status.PipelineGeneration < pipeline.Generation && podIsCurrent)
            {
                ReloadPlan plan;
                try
                {
                    plan = await runners.PutPipelineAsync(address, inputs.AdminToken, pipeline, cancellationToken).ConfigureAwait(false);
                }
                catch (RunnerAdminException e) when (e.Errors.Count > 0)
                {
                    metrics?.Reloads.WithLabels("rejected").Inc();
                    var stall = new Stall(ConditionReasons.InvalidSpec, $"the runner refused pipeline generation {pipeline.Generation}: " + string.Join("; ", e.Errors));
                    if (await WriteStatusAsync(stream, observation with { Stall = stall }, cancellationToken).ConfigureAwait(false))
                    {
                        events.Record(stream, EventType.Warning, ConditionReasons.InvalidSpec, "Reload", stall.Message);
                    }

                    return (observation with { Stall = stall }, etag);
                }

                metrics?.Reloads.WithLabels("ok").Inc();
                events.Record(stream, EventType.Normal, "Reloaded", "Reload", $"pipeline generation {plan.PipelineGeneration} applied without a restart: {plan.Describe()}");
                LogReloaded(logger, stream.Metadata.NamespaceProperty + "/" + stream.Metadata.Name, plan.PipelineGeneration, plan.Describe());
                (status, etag) = await runners.GetStatusAsync(address, inputs.AdminToken, cancellationToken).ConfigureAwait(false);
            }

            RecordFailovers(stream, status);
            return (observation with { Runner = status, Endpoints = EndpointsBuilder.Build(pipeline, _serviceAddresses.Host(stream), status.Endpoints) }, etag);
        }
        catch (RunnerAdminException e)
        {
            metrics?.RunnerErrors.Inc();
            LogRunnerUnavailable(logger, stream.Metadata.NamespaceProperty + "/" + stream.Metadata.Name, e.Message);
            return (observation with { RunnerProblem = e.Message, Endpoints = EndpointsBuilder.Build(pipeline, _serviceAddresses.Host(stream), null) }, null);
        }
    }

    // One event per failover the status does not know yet (newer than its newest).
    private void RecordFailovers(LiveStream stream, RunnerStatus status)
    {
        var known = stream.Status?.RecentFailovers?.Max(f => f.Time) ?? DateTimeOffset.MinValue;
        foreach (var failover in status.RecentFailovers.Where(f => f.Time > known).OrderBy(f => f.Time))
        {
            metrics?.Failovers.WithLabels(stream.Metadata.NamespaceProperty + "/" + stream.Metadata.Name, failover.Reason.ToString().ToLowerInvariant()).Inc();
            var type = failover.Reason is FailoverReason.Timeout or FailoverReason.Error ? EventType.Warning : EventType.Normal;
            events.Record(stream, type, ConditionReasons.FailedOver, "Failover",
                $"switched from input {failover.From ?? "(none)"} to {failover.To} ({failover.Reason.ToString().ToLowerInvariant()}){(failover.Message is null ? "" : ": " + failover.Message)}");
        }
    }

    // Writes /status when the mapped status differs; returns whether it wrote.
    private async Task<bool> WriteStatusAsync(LiveStream stream, StreamObservation observation, CancellationToken cancellationToken)
    {
        var (status, changed) = StatusMapper.Map(stream.Status, observation, time);
        if (!changed)
        {
            return false;
        }

        var update = new LiveStream { Metadata = stream.Metadata, Spec = stream.Spec, Status = status };
        await clients.ReplaceStatusAsync(update, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(1, LogLevel.Warning, "LiveStream {Stream} is stalled ({Reason}): {Message}")]
    private static partial void LogStalled(ILogger logger, string stream, string reason, string message);

    [LoggerMessage(2, LogLevel.Information, "LiveStream {Stream}: pipeline generation {Generation} stored: {Spec}")]
    private static partial void LogPipeline(ILogger logger, string stream, long generation, string spec);

    [LoggerMessage(3, LogLevel.Information, "LiveStream {Stream}: runner reloaded to pipeline generation {Generation}: {Plan}")]
    private static partial void LogReloaded(ILogger logger, string stream, long generation, string plan);

    [LoggerMessage(4, LogLevel.Information, "LiveStream {Stream}: runner not available: {Problem}")]
    private static partial void LogRunnerUnavailable(ILogger logger, string stream, string problem);
}
