namespace Ladder.ControllerRuntime.LeaderElection;

/// <summary>
/// Which Lease to compete for and how (client-go <c>tools/leaderelection.LeaderElectionConfig</c>, with its
/// defaults as used by controller-runtime: lease duration 15 s, renew deadline 10 s, retry period 2 s).
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>client-go's (and KubernetesClient's) <c>JitterFactor</c> for acquire retries; <see cref="Validate"/> keeps RenewDeadline above RetryPeriod × this.</summary>
    public const double JitterFactor = 1.2;

    /// <summary>The coordination.k8s.io/v1 Lease's name, e.g. <c>ladder-operator-leader</c>.</summary>
    public required string LeaseName { get; init; }

    /// <summary>The Lease's namespace, usually the operator's own.</summary>
    public required string LeaseNamespace { get; init; }

    /// <summary>
    /// This candidate's identity, written to <c>spec.holderIdentity</c>; unique per process. Defaults to
    /// <c>{hostname}_{random uuid}</c> as controller-runtime does (the pod name is the hostname in a pod).
    /// </summary>
    public string Identity { get; init; } = DefaultIdentity();

    /// <summary>
    /// How long non-leaders wait after they last saw the Lease change before they take it over (client-go
    /// <c>LeaseDuration</c>, default 15 s). Written as whole seconds to <c>spec.leaseDurationSeconds</c>, so at least 1 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the leader keeps retrying a failed renewal before it gives up leadership (client-go
    /// <c>RenewDeadline</c>, default 10 s). Must be shorter than <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The interval between attempts to acquire or renew (client-go <c>RetryPeriod</c>, default 2 s); acquire
    /// attempts are jittered by <see cref="JitterFactor"/>, renewals are not.
    /// </summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When the run is cancelled (graceful shutdown) while leading, write the Lease back with an empty holder and
    /// a 1 s duration so another replica takes over at once instead of waiting out <see cref="LeaseDuration"/>
    /// (client-go <c>ReleaseOnCancel</c>). The release happens after the leading work has stopped.
    /// </summary>
    public bool ReleaseOnCancel { get; init; }

    /// <summary>The default <see cref="Identity"/>: <c>{hostname}_{uuid}</c>.</summary>
    public static string DefaultIdentity() => $"{Environment.MachineName}_{Guid.NewGuid()}";

    /// <summary>
    /// Checks the settings as client-go's <c>NewLeaderElector</c> does: names set, every duration positive, and
    /// LeaseDuration &gt; RenewDeadline &gt; RetryPeriod × <see cref="JitterFactor"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or the durations are out of order; the message says which and why.</exception>
    public void Validate()
    {
        Require(LeaseName, nameof(LeaseName), "name the Lease, e.g. ladder-operator-leader");
        Require(LeaseNamespace, nameof(LeaseNamespace), "use the operator's namespace");
        Require(Identity, nameof(Identity), "use a value unique per process, e.g. LeaderElectionOptions.DefaultIdentity()");
        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"LeaderElectionOptions.LeaseDuration must be at least 1 s (it is written as whole seconds to spec.leaseDurationSeconds); it is {Seconds(LeaseDuration)} s.", nameof(LeaseDuration));
        }

        if (RenewDeadline <= TimeSpan.Zero || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"LeaderElectionOptions.RenewDeadline ({Seconds(RenewDeadline)} s) and RetryPeriod ({Seconds(RetryPeriod)} s) must be positive.", nameof(RetryPeriod));
        }

        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException(
                $"LeaderElectionOptions.LeaseDuration ({Seconds(LeaseDuration)} s) must be greater than RenewDeadline ({Seconds(RenewDeadline)} s): " +
                "a leader has to give up before other replicas may consider its lease expired.", nameof(LeaseDuration));
        }

        if (RenewDeadline <= RetryPeriod * JitterFactor)
        {
            throw new ArgumentException(
                $"LeaderElectionOptions.RenewDeadline ({Seconds(RenewDeadline)} s) must be greater than RetryPeriod × {JitterFactor} ({Seconds(RetryPeriod * JitterFactor)} s): " +
                "a renewal round needs room for at least one retry.", nameof(RenewDeadline));
        }
    }

    private static void Require(string? value, string name, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"LeaderElectionOptions.{name} is empty: {hint}.", name);
        }
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
