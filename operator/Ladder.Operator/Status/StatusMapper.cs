using System.Globalization;
using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Conditions;

namespace Ladder.Operator.Status;

/// <summary>
/// Turns a <see cref="StreamObservation"/> into a LiveStream status in kstatus style, a pure function of the current
/// status, the observation and the clock. <c>Reconciling</c> is True while the runner has not reported the desired
/// pipeline generation; <c>Stalled</c> is True while the spec cannot be resolved (reason and a message naming the
/// field); <c>Ready</c> is True once the runner executes the desired generation and its active input is healthy;
/// <c>InputHealthy</c> mirrors the runner's inputs. <c>lastTransitionTime</c> moves only when a condition's status flips,
/// so mapping the same observation twice changes nothing and the caller writes <c>/status</c> only on a change.
/// </summary>
internal static class StatusMapper
{
    /// <summary>The most failovers kept in status (the CRD's maxItems).</summary>
    public const int MaxFailovers = 10;

    private const int MaxSummaryLength = 1024;

    /// <summary>The new status, and whether it differs from <paramref name="current"/>.</summary>
    public static (LiveStreamStatus Status, bool Changed) Map(LiveStreamStatus? current, StreamObservation observation, TimeProvider time)
    {
        var before = JsonSerializer.Serialize(current ?? new LiveStreamStatus(), WireJson.Options);
        var status = JsonSerializer.Deserialize<LiveStreamStatus>(before, WireJson.Options)!;
        status.ObservedGeneration = observation.Generation;
        var conditions = status.Conditions ??= [];

        if (observation.Stall is { } stall)
        {
            status.Phase = stall.Reason == ConditionReasons.InvalidSpec ? LiveStreamPhase.Failed : LiveStreamPhase.Pending;
            SetAll(conditions, observation.Generation, time, ready: (ConditionStatus.False, stall.Reason, stall.Message),
                reconciling: (ConditionStatus.False, stall.Reason, ""), stalled: (ConditionStatus.True, stall.Reason, stall.Message),
                input: (ConditionStatus.Unknown, stall.Reason, "the runner does not run this generation"));
        }
        else if (observation.Paused)
        {
            const string message = "spec.paused is true: the runner is scaled to zero";
            status.Phase = LiveStreamPhase.Paused;
            status.ActiveInput = null;
            status.Renditions = null;
            SetAll(conditions, observation.Generation, time, ready: (ConditionStatus.False, ConditionReasons.Paused, message),
                reconciling: (ConditionStatus.False, ConditionReasons.Paused, ""), stalled: (ConditionStatus.False, ConditionReasons.Paused, ""),
                input: (ConditionStatus.Unknown, ConditionReasons.Paused, message));
        }
        else
        {
            MapRunner(status, conditions, observation, time);
        }

        if (observation.Endpoints is not null)
        {
            status.Endpoints = observation.Endpoints;
        }

        var after = JsonSerializer.Serialize(status, WireJson.Options);
        return (status, after != before);
    }

    private static void MapRunner(LiveStreamStatus status, IList<V1Condition> conditions, StreamObservation observation, TimeProvider time)
    {
        var generation = observation.Generation;
        var desired = observation.DesiredPipelineGeneration;
        if (observation.Runner is not { } runner)
        {
            MapUnreachableRunner(status, conditions, observation, time);
            return;
        }

        CopyRunnerFields(status, runner);
        if (runner.Phase == RunnerPhase.Failed)
        {
            var message = "the runner failed: " + (runner.LastError ?? "no error reported");
            status.Phase = LiveStreamPhase.Failed;
            SetAll(conditions, generation, time, ready: (ConditionStatus.False, ConditionReasons.RunnerFailed, message),
                reconciling: (ConditionStatus.True, ConditionReasons.RunnerFailed, message), stalled: (ConditionStatus.False, ConditionReasons.RunnerFailed, ""),
                input: (ConditionStatus.Unknown, ConditionReasons.RunnerFailed, message));
            return;
        }

        var active = runner.Inputs.FirstOrDefault(i => i.Name == runner.ActiveInput);
        var primary = runner.Inputs.Count > 0 ? runner.Inputs[0].Name : null;
        var (inputStatus, inputReason, inputMessage) = active is { Healthy: true }
            ? (ConditionStatus.True, active.Name == primary ? ConditionReasons.InputActive : ConditionReasons.FailedOver,
                active.Name == primary ? $"input {active.Name} delivers packets" : $"backup input {active.Name} delivers packets; the primary {primary} does not")
            : runner.Inputs.Any(i => i.LastPacketTime is not null)
                ? (ConditionStatus.False, ConditionReasons.AllInputsDown, "no input delivers packets: " + string.Join("; ", runner.Inputs.Select(i => $"{i.Name}: {i.Message ?? "no packets"}")))
                : (ConditionStatus.False, ConditionReasons.WaitingForInput, "no input has delivered packets yet; push to an ingest endpoint");

        if (runner.PipelineGeneration < desired || runner.Phase is RunnerPhase.Starting or RunnerPhase.Reloading)
        {
            var message = $"the runner executes pipeline generation {runner.PipelineGeneration}; waiting for generation {desired}";
            var reason = runner.Phase == RunnerPhase.Starting ? ConditionReasons.RunnerStarting : ConditionReasons.Reloading;
            status.Phase = runner.Phase == RunnerPhase.Starting ? LiveStreamPhase.Starting : status.Phase ?? LiveStreamPhase.Starting;
            SetAll(conditions, generation, time, ready: (ConditionStatus.False, reason, message),
                reconciling: (ConditionStatus.True, reason, message), stalled: (ConditionStatus.False, reason, ""),
                input: (inputStatus, inputReason, inputMessage));
            return;
        }

        status.Phase = inputStatus != ConditionStatus.True
            ? inputReason == ConditionReasons.AllInputsDown ? LiveStreamPhase.Degraded : LiveStreamPhase.Starting
            : inputReason == ConditionReasons.FailedOver ? LiveStreamPhase.Degraded : LiveStreamPhase.Live;
        var ready = inputStatus == ConditionStatus.True
            ? (ConditionStatus.True, ConditionReasons.Publishing, $"publishing pipeline generation {runner.PipelineGeneration} from input {active!.Name}")
            : (ConditionStatus.False, inputReason, inputMessage);
        SetAll(conditions, generation, time, ready: ready,
            reconciling: (ConditionStatus.False, ConditionReasons.Publishing, ""), stalled: (ConditionStatus.False, ConditionReasons.Publishing, ""),
            input: (inputStatus, inputReason, inputMessage));
    }

    // The runner did not answer: its pod says why (unschedulable, image, crash loop, OOMKilled: Stalled; pending or
    // starting: Reconciling); without a pod, the runner client's own problem.
    private static void MapUnreachableRunner(LiveStreamStatus status, IList<V1Condition> conditions, StreamObservation observation, TimeProvider time)
    {
        var generation = observation.Generation;
        var pod = observation.Pod ?? new RunnerPodState(ConditionReasons.RunnerStarting, observation.RunnerProblem ?? "waiting for the runner pod", Stalled: false);
        if (pod.Stalled)
        {
            status.Phase = LiveStreamPhase.Failed;
            SetAll(conditions, generation, time, ready: (ConditionStatus.False, pod.Reason, pod.Message),
                reconciling: (ConditionStatus.False, pod.Reason, ""), stalled: (ConditionStatus.True, pod.Reason, pod.Message),
                input: (ConditionStatus.Unknown, pod.Reason, "the runner is not running"));
            return;
        }

        status.Phase = LiveStreamPhase.Starting;
        SetAll(conditions, generation, time, ready: (ConditionStatus.False, pod.Reason, pod.Message),
            reconciling: (ConditionStatus.True, pod.Reason, pod.Message), stalled: (ConditionStatus.False, pod.Reason, ""),
            input: (ConditionStatus.Unknown, pod.Reason, pod.Message));
    }

    private static void CopyRunnerFields(LiveStreamStatus status, RunnerStatus runner)
    {
        status.PipelineGeneration = runner.PipelineGeneration;
        status.ActiveInput = runner.ActiveInput;
        status.Renditions = runner.Renditions.Count == 0 ? null : [.. runner.Renditions.Take(8).Select(r => new RenditionStatus
        {
            Name = r.Name,
            Resolution = r.Width is { } w && r.Height is { } h ? string.Create(CultureInfo.InvariantCulture, $"{w}x{h}") : null,
            Bitrate = r.TargetBitrate,
            Degraded = r.Degraded ? true : null,
        })];
        status.RecentFailovers = runner.RecentFailovers.Count == 0 ? status.RecentFailovers : [.. runner.RecentFailovers
            .OrderByDescending(f => f.Time).Take(MaxFailovers).Select(f => new FailoverEvent
            {
                Time = f.Time,
                From = f.From,
                To = f.To,
                Reason = f.Reason,
                Message = f.Message,
            })];
        if (runner.LastReload is { } reload)
        {
            var summary = reload.Describe();
            status.LastReload = new ReloadSummary
            {
                Time = reload.AppliedAt,
                PipelineGeneration = reload.PipelineGeneration,
                Restarted = reload.Restarted.Count > 0,
                Summary = summary.Length > MaxSummaryLength ? summary[..(MaxSummaryLength - 3)] + "..." : summary,
            };
        }
    }

    private static void SetAll(IList<V1Condition> conditions, long generation, TimeProvider time,
        (string Status, string Reason, string Message) ready, (string Status, string Reason, string Message) reconciling,
        (string Status, string Reason, string Message) stalled, (string Status, string Reason, string Message) input)
    {
        Set(conditions, ConditionTypes.Ready, ready, generation, time);
        Set(conditions, ConditionTypes.Reconciling, reconciling, generation, time);
        Set(conditions, ConditionTypes.Stalled, stalled, generation, time);
        Set(conditions, ConditionTypes.InputHealthy, input, generation, time);
    }

    private static void Set(IList<V1Condition> conditions, string type, (string Status, string Reason, string Message) value, long generation, TimeProvider time) =>
        ConditionSet.SetCondition(conditions, new V1Condition { Type = type, Status = value.Status, Reason = value.Reason, Message = value.Message, ObservedGeneration = generation }, time);
}
