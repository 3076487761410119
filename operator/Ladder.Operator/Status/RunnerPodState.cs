namespace Ladder.Operator.Status;

/// <summary>
/// What the runner pod itself says when the runner cannot be asked (<see cref="RunnerPodDiagnosis"/>): a condition
/// reason, the pod's own reason and message in words a platform team acts on, and whether a person must step in
/// (kstatus <c>Stalled</c>) or Kubernetes is still making progress (<c>Reconciling</c>).
/// </summary>
/// <param name="Reason">A <c>ConditionReasons</c> value, e.g. <c>RunnerUnschedulable</c>.</param>
/// <param name="Message">The pod's story, e.g. <c>runner pod news-5d8f... cannot be scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.</c></param>
/// <param name="Stalled">True when nothing changes until someone acts (a node, an image, a memory limit, a fix).</param>
internal sealed record RunnerPodState(string Reason, string Message, bool Stalled);
