using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Status;

/// <summary>Runner pods as the scheduler and the kubelet write them (field for field as <c>kubectl get pod -o json</c> shows).</summary>
internal static class RunnerPods
{
    /// <summary>A runner pod of stream <paramref name="stream"/> with the given <c>status</c> JSON.</summary>
    public static V1Pod With(string status, string stream = "news", string name = "news-7c9d5b6f4-x2lq8", string memoryLimit = "1Gi", DateTimeOffset? created = null)
    {
        var pod = JsonNode.Parse($$"""
            {
              "apiVersion": "v1", "kind": "Pod",
              "metadata": {
                "name": "{{name}}", "namespace": "{{TestObjects.Namespace}}",
                "creationTimestamp": "{{(created ?? DateTimeOffset.Parse("2026-12-04T10:00:00Z")):O}}",
                "labels": { "app.kubernetes.io/name": "ladder-runner", "ladder.dev/livestream": "{{stream}}", "app.kubernetes.io/managed-by": "ladder-operator" }
              },
              "spec": { "containers": [ { "name": "runner", "image": "ghcr.io/ladder-dev/pipeline-runner:0.1.0",
                "resources": { "limits": { "memory": "{{memoryLimit}}" }, "requests": { "cpu": "1", "memory": "{{memoryLimit}}" } } } ] },
              "status": {{status}}
            }
            """)!.AsObject();
        return OperatorHarness.As<V1Pod>(pod);
    }

    public const string Unscheduled = """{ "phase": "Pending" }""";

    public const string Unschedulable = """
        { "phase": "Pending", "conditions": [ { "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
          "message": "0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
          "lastTransitionTime": "2026-12-04T10:00:01Z" } ] }
        """;

    public const string ImagePullBackOff = """
        { "phase": "Pending", "conditions": [ { "type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-12-04T10:00:01Z" } ],
          "containerStatuses": [ { "name": "runner", "ready": false, "restartCount": 0, "image": "ghcr.io/ladder-dev/pipeline-runner:0.1.0", "imageID": "",
            "state": { "waiting": { "reason": "ImagePullBackOff", "message": "Back-off pulling image \"ghcr.io/ladder-dev/pipeline-runner:0.1.0\"" } } } ] }
        """;

    public const string CrashLoop = """
        { "phase": "Running", "conditions": [ { "type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-12-04T10:00:01Z" } ],
          "containerStatuses": [ { "name": "runner", "ready": false, "restartCount": 4, "image": "ghcr.io/ladder-dev/pipeline-runner:0.1.0", "imageID": "",
            "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off 1m20s restarting failed container=runner pod=news-7c9d5b6f4-x2lq8" } },
            "lastState": { "terminated": { "exitCode": 1, "reason": "Error", "message": "input main: cannot open /media/missing.mp4: No such file or directory\n",
              "startedAt": "2026-12-04T10:02:00Z", "finishedAt": "2026-12-04T10:02:01Z" } } } ] }
        """;

    public const string OomKilled = """
        { "phase": "Running", "conditions": [ { "type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-12-04T10:00:01Z" } ],
          "containerStatuses": [ { "name": "runner", "ready": false, "restartCount": 3, "image": "ghcr.io/ladder-dev/pipeline-runner:0.1.0", "imageID": "",
            "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off 40s restarting failed container=runner" } },
            "lastState": { "terminated": { "exitCode": 137, "reason": "OOMKilled", "startedAt": "2026-12-04T10:02:00Z", "finishedAt": "2026-12-04T10:02:30Z" } } } ] }
        """;

    public const string Running = """
        { "phase": "Running", "conditions": [ { "type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-12-04T10:00:01Z" } ],
          "containerStatuses": [ { "name": "runner", "ready": false, "restartCount": 0, "image": "ghcr.io/ladder-dev/pipeline-runner:0.1.0", "imageID": "",
            "state": { "running": { "startedAt": "2026-12-04T10:00:05Z" } } } ] }
        """;
}
