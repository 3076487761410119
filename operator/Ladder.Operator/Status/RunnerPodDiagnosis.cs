using System.Globalization;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Status;

/// <summary>
/// Reads a stream's runner pods the way <c>kubectl describe pod</c> would and says what keeps the runner from serving,
/// a pure function of the pods. It looks at the newest pod not being deleted and, in this order: an image that cannot
/// be pulled, a container that keeps crashing (with the runner's termination message, or OOMKilled with the memory
/// limit it hit), a container that cannot be created, a pod the scheduler cannot place (its <c>PodScheduled</c>
/// message, e.g. <c>0/3 nodes are available: 3 Insufficient nvidia.com/gpu.</c>), a failed or evicted pod, then the
/// progress states (pending, starting). The stuck states are <see cref="RunnerPodState.Stalled"/>, as kstatus
/// classifies a Pod (Unschedulable, CrashLoopBackOff and image pull back-off need a person).
/// </summary>
internal static class RunnerPodDiagnosis
{
    private static readonly HashSet<string> ImagePullReasons = new(StringComparer.Ordinal) { "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull" };

    private static readonly HashSet<string> CannotStartReasons = new(StringComparer.Ordinal)
    {
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "PreCreateHookError", "PostStartHookError",
    };

    /// <summary>The state of the newest live pod among <paramref name="pods"/>, or null when there is none.</summary>
    public static RunnerPodState? Diagnose(IEnumerable<V1Pod> pods)
    {
        var pod = pods.Where(p => p.Metadata.DeletionTimestamp is null).MaxBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue);
        if (pod is null)
        {
            return null;
        }

        var name = $"runner pod {pod.Metadata.Name}";
        var spec = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == RunnerLabels.ContainerName);
        var container = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == RunnerLabels.ContainerName);
        var waiting = container?.State?.Waiting;
        var waitingReason = waiting?.Reason;
        if (waitingReason is not null && ImagePullReasons.Contains(waitingReason))
        {
            var image = spec?.Image ?? container?.Image;
            return new(ConditionReasons.RunnerImagePullFailed,
                $"{name} cannot pull image {image} ({waitingReason}){Detail(waiting?.Message)}; check spec.runner.image and the image pull secret", Stalled: true);
        }

        if (waitingReason == "CrashLoopBackOff")
        {
            return Crashing(spec, name, container!);
        }

        if (waitingReason is not null && CannotStartReasons.Contains(waitingReason))
        {
            return new(ConditionReasons.RunnerCannotStart, $"{name} cannot start its container ({waitingReason}){Detail(waiting?.Message)}", Stalled: true);
        }

        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False", Reason: "Unschedulable" })
        {
            return new(ConditionReasons.RunnerUnschedulable, $"{name} cannot be scheduled{Detail(scheduled.Message)}", Stalled: true);
        }

        if (pod.Status?.Phase == "Failed")
        {
            return new(ConditionReasons.RunnerFailed, $"{name} failed ({pod.Status.Reason ?? "Failed"}){Detail(pod.Status.Message)}", Stalled: false);
        }

        if (container is null || waitingReason is not null)
        {
            var phase = pod.Status?.Phase ?? "Pending";
            var why = waitingReason ?? (scheduled is null ? "not scheduled yet" : "waiting for its container");
            return new(ConditionReasons.RunnerStarting, $"{name} is {phase} ({why}){Detail(waiting?.Message)}", Stalled: false);
        }

        return new(ConditionReasons.RunnerStarting, $"{name} is {pod.Status?.Phase ?? "Pending"}, its runner not answering yet", Stalled: false);
    }

    // CrashLoopBackOff: the last termination says why; OOMKilled names the limit the runner hit.
    private static RunnerPodState Crashing(V1Container? spec, string name, V1ContainerStatus container)
    {
        var last = container.LastState?.Terminated;
        var restarts = container.RestartCount.ToString(CultureInfo.InvariantCulture);
        if (last?.Reason == "OOMKilled")
        {
            var limit = spec?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory) ? memory : null;
            return new(ConditionReasons.RunnerOOMKilled,
                $"{name} was killed for using more memory than its limit{(limit is null ? "" : " of " + limit)} (OOMKilled, restarted {restarts} times); "
                + "raise spec.runner.resources.limits.memory or shorten the ladder", Stalled: true);
        }

        var exit = last is null ? "" : $"exit code {last.ExitCode.ToString(CultureInfo.InvariantCulture)}, ";
        return new(ConditionReasons.RunnerCrashLooping,
            $"{name} keeps crashing ({exit}restarted {restarts} times){Detail(last?.Message?.Trim())}", Stalled: true);
    }

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? "" : ": " + message;
}
