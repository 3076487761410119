namespace Ladder.Operator.Hosting;

/// <summary>
/// The operator's settings, from command-line flags and <c>LADDER_*</c> environment variables (see README.md).
/// Durations are <see cref="TimeSpan"/>s; addresses are <c>host:port</c> (empty host: every interface).
/// </summary>
public sealed record OperatorOptions
{
    /// <summary>The default runner image (<c>--runner-image</c>, <c>LADDER_RUNNER_IMAGE</c>); a stream's <c>spec.runner.image</c> overrides it.</summary>
    public string RunnerImage { get; init; } = "ghcr.io/ladder-dev/pipeline-runner:latest";

    /// <summary>The runner container's imagePullPolicy; null lets Kubernetes choose (Always for <c>:latest</c>, else IfNotPresent).</summary>
    public string? RunnerImagePullPolicy { get; init; }

    /// <summary>The namespace to watch (<c>--namespace</c>); null watches every namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>How long a runner admin API call may take before it is abandoned.</summary>
    public TimeSpan RunnerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a Ready stream's runner holds one status request before answering "unchanged" (it answers within about
    /// 0.25 s of a change: active input, failover, rendition health, reload); a request is then sent again. Whole
    /// seconds, at most <c>RunnerAdminApi.MaxStatusWaitSeconds</c>. A runner pod that is replaced is read again at
    /// once (the pod change reconciles the stream, and the new runner's status carries a new start time, so its tag
    /// differs and the held request is replaced); only a request held on a runner that vanished without closing its
    /// connection, while its successor's status is not read, waits this long plus <see cref="RunnerTimeout"/>.
    /// </summary>
    public TimeSpan StatusWait { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How often a Ready stream's runner is asked when it cannot hold a status request (a runner older than the operator).</summary>
    public TimeSpan StatusPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a stream still reconciling (runner starting or reloading) is polled.</summary>
    public TimeSpan ReconcilingPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The cluster DNS suffix of Services, used in runner addresses and status endpoints: <c>{service}.{namespace}.svc</c>.</summary>
    public string ServiceDomain { get; init; } = "svc";

    /// <summary>Reconciles run in parallel per controller (different streams only).</summary>
    public int Workers { get; init; } = 2;
}
