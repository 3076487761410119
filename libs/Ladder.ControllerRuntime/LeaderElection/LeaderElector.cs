using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.ControllerRuntime.Logging;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.ControllerRuntime.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease with the semantics of client-go <c>tools/leaderelection</c>:
/// <list type="bullet">
/// <item>Acquire: try at once, then every RetryPeriod × (1 + 1.2 × random). A missing Lease is created. A held one
/// is taken over only when it has not changed for <c>spec.leaseDurationSeconds</c> as measured on this instance's own
/// clock from when it last saw the record change (the server's <c>renewTime</c> is never compared with local time,
/// so clock skew between nodes does not matter). A takeover increments <c>leaseTransitions</c>.</item>
/// <item>Renew: every RetryPeriod, the leader updates <c>renewTime</c> with a PUT carrying the resourceVersion it
/// last saw (falling back to GET + PUT when that fails). A 409 Conflict means another candidate wrote first: the
/// attempt failed. When no renewal succeeds within RenewDeadline, leadership is given up.</item>
/// <item>On loss or cancellation the <see cref="LeaderElectionCallbacks.OnStartedLeading"/> token is cancelled and
/// its task awaited; with <see cref="LeaderElectionOptions.ReleaseOnCancel"/> the Lease is then released.</item>
/// </list>
/// <c>acquireTime</c> and <c>renewTime</c> are written as MicroTime. <c>leader_election_master_status{name}</c> is
/// 1 while leading and 0 otherwise.
/// </summary>
public sealed class LeaderElector
{
    private const string LeaseApiVersion = "coordination.k8s.io/v1";

    private readonly IResourceClient<Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly LeaderElectionCallbacks _callbacks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly string _description;
    private readonly Lock _gate = new();
    private Lease? _lease;
    private LeaseSpec? _observed;
    private string? _observedRaw;
    private DateTimeOffset _observedTime;
    private string? _reportedLeader;
    private int _started;
    private int _waits;

    /// <summary>Creates an elector; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="leases">A client for <see cref="ApiResource.Leases"/>.</param>
    /// <param name="options">The Lease and the timings; validated here.</param>
    /// <param name="callbacks">What to run while leading and what to report.</param>
    /// <param name="time">The clock for retries, deadlines and expiry, and for acquireTime/renewTime; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs transitions and failed attempts; none when null.</param>
    /// <param name="metrics">Sets <c>leader_election_master_status</c>; none when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="LeaderElectionOptions.Validate"/>).</exception>
    public LeaderElector(IResourceClient<Lease> leases, LeaderElectionOptions options, LeaderElectionCallbacks callbacks, TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callbacks.OnStartedLeading, nameof(callbacks));
        options.Validate();
        _leases = leases;
        _options = options;
        _callbacks = callbacks;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _description = $"{options.LeaseNamespace}/{options.LeaseName}";
    }

    /// <summary>This candidate's identity (<see cref="LeaderElectionOptions.Identity"/>).</summary>
    public string Identity => _options.Identity;

    /// <summary>The settings this elector runs with.</summary>
    public LeaderElectionOptions Options => _options;

    /// <summary>True while the last observed Lease record names this instance as holder (client-go <c>IsLeader</c>).</summary>
    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _observed?.HolderIdentity == Identity;
            }
        }
    }

    /// <summary>The holder of the last observed Lease record; null before the first observation (client-go <c>GetLeader</c>).</summary>
    public string? Leader
    {
        get
        {
            lock (_gate)
            {
                return _observed?.HolderIdentity;
            }
        }
    }

    /// <summary>True once <see cref="RunAsync"/> has returned because renewal failed within the renew deadline (not because it was cancelled).</summary>
    public bool LostLeadership { get; private set; }

    /// <summary>How many times the elector has started waiting on its clock (after an attempt); lets tests step a fake clock.</summary>
    internal int Waits => Volatile.Read(ref _waits);

    /// <summary>The random source for acquire jitter, in [0, 1); tests set it to return 0.</summary>
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// Competes for the Lease until <paramref name="cancellationToken"/> is cancelled or leadership is lost
    /// (client-go <c>LeaderElector.Run</c>); may be called once. Returns normally in both cases; see
    /// <see cref="LostLeadership"/>. When the leading work threw, that exception is rethrown after leadership was given up.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"LeaderElector for Lease {_description} was already run; create a new one to compete again.");
        }

        _metrics?.LeaderStatus.WithLabels(_options.LeaseName).Set(0);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _logger.StartedLeading(_description, Identity);
        _metrics?.LeaderStatus.WithLabels(_options.LeaseName).Set(1);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => _callbacks.OnStartedLeading(leading.Token), CancellationToken.None);
        var renew = RenewAsync(leading.Token);
        if (await Task.WhenAny(renew, work).ConfigureAwait(false) == work && work.IsFaulted)
        {
            await leading.CancelAsync().ConfigureAwait(false);
        }

        var lost = await renew.ConfigureAwait(false);
        _metrics?.LeaderStatus.WithLabels(_options.LeaseName).Set(0);
        await leading.CancelAsync().ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        LostLeadership = lost;
        if (lost)
        {
            _logger.StoppedLeading(_description, Identity);
        }

        Invoke(_callbacks.OnStoppedLeading);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var acquired = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            ReportTransition();
            if (acquired)
            {
                return true;
            }

            var delay = _options.RetryPeriod + (_options.RetryPeriod * (LeaderElectionOptions.JitterFactor * Random()));
            if (!await WaitAsync(delay, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Renews every RetryPeriod; returns true when a round found no success within RenewDeadline, false when cancelled.</summary>
    private async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        while (await WaitAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
        {
            using var deadline = new CancellationTokenSource(_options.RenewDeadline, _time);
            using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var renewed = false;
            while (!round.IsCancellationRequested)
            {
                if (await TryAcquireOrRenewAsync(round.Token).ConfigureAwait(false))
                {
                    renewed = true;
                    break;
                }

                if (!await WaitAsync(_options.RetryPeriod, round.Token).ConfigureAwait(false))
                {
                    break;
                }
            }

            ReportTransition();
            if (!renewed)
            {
                return !cancellationToken.IsCancellationRequested;
            }
        }

        return false;
    }

    /// <summary>One attempt (client-go <c>tryAcquireOrRenew</c>); never throws.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var desired = new LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = 0,
        };
        try
        {
            // 1. Fast path: the leader updates optimistically with the resourceVersion it wrote last.
            LeaseSpec? mine = null;
            lock (_gate)
            {
                if (_lease is not null && _observed?.HolderIdentity == Identity && IsLeaseValid(now))
                {
                    mine = _observed;
                }
            }

            if (mine is not null)
            {
                desired.AcquireTime = mine.AcquireTime;
                desired.LeaseTransitions = mine.LeaseTransitions ?? 0;
                try
                {
                    await UpdateAsync(desired, now, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LeaseUpdateFailed(e, _description);
                }
            }

            // 2. Read the record, or create it.
            Lease current;
            try
            {
                current = await _leases.GetAsync(_options.LeaseNamespace, _options.LeaseName, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                var created = await _leases.CreateAsync(_options.LeaseNamespace, new Lease
                {
                    ApiVersion = LeaseApiVersion,
                    Kind = "Lease",
                    Metadata = new V1ObjectMeta { Name = _options.LeaseName },
                    Spec = desired,
                }, null, cancellationToken).ConfigureAwait(false);
                Observe(created, desired, now);
                return true;
            }

            // 3. Note when the record last changed, by this clock; a valid lease held by another wins.
            var record = current.Spec ?? new LeaseSpec();
            bool isLeader;
            lock (_gate)
            {
                _lease = current;
                var raw = Raw(record);
                if (raw != _observedRaw)
                {
                    (_observed, _observedRaw, _observedTime) = (record, raw, now);
                }

                isLeader = record.HolderIdentity == Identity;
                if (!string.IsNullOrEmpty(record.HolderIdentity) && IsLeaseValid(now) && !isLeader)
                {
                    return false;
                }
            }

            // 4. Take over (a new transition) or renew from the slow path (keep acquireTime and transitions).
            if (isLeader)
            {
                desired.AcquireTime = record.AcquireTime;
                desired.LeaseTransitions = record.LeaseTransitions ?? 0;
            }
            else
            {
                desired.LeaseTransitions = (record.LeaseTransitions ?? 0) + 1;
            }

            await UpdateAsync(desired, now, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LeaseUpdateFailed(e, _description);
            return false;
        }
    }

    private async Task UpdateAsync(LeaseSpec spec, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Lease basis;
        lock (_gate)
        {
            basis = _lease ?? throw new InvalidOperationException("The Lease has not been read or created yet.");
        }

        var lease = new Lease
        {
            ApiVersion = basis.ApiVersion ?? LeaseApiVersion,
            Kind = basis.Kind ?? "Lease",
            Metadata = WithoutManagedFields(basis.Metadata),
            Spec = spec,
        };
        lease.Metadata.NamespaceProperty ??= _options.LeaseNamespace;
        var updated = await _leases.UpdateAsync(lease, null, cancellationToken).ConfigureAwait(false);
        Observe(updated, spec, now);
    }

    private void Observe(Lease stored, LeaseSpec record, DateTimeOffset now)
    {
        lock (_gate)
        {
            _lease = stored;
            (_observed, _observedRaw, _observedTime) = (record, Raw(record), now);
        }
    }

    /// <summary>client-go <c>release</c>: empty holder, 1 s duration, keeping the transition count; bounded by RenewDeadline.</summary>
    private async Task ReleaseAsync()
    {
        LeaseSpec? observed;
        lock (_gate)
        {
            observed = _lease is not null && _observed?.HolderIdentity == Identity ? _observed : null;
        }

        if (observed is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            await UpdateAsync(new LeaseSpec
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = observed.LeaseTransitions ?? 0,
            }, now, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LeaseReleaseFailed(e, _description);
        }
    }

    private bool IsLeaseValid(DateTimeOffset now) =>
        _observed is { } record && _observedTime + TimeSpan.FromSeconds(record.LeaseDurationSeconds ?? 0) > now;

    private void ReportTransition()
    {
        string? leader;
        lock (_gate)
        {
            leader = _observed?.HolderIdentity;
            if (leader == _reportedLeader)
            {
                return;
            }

            _reportedLeader = leader;
        }

        if (!string.IsNullOrEmpty(leader))
        {
            _logger.NewLeader(_description, leader);
            Invoke(() => _callbacks.OnNewLeader?.Invoke(leader));
        }
    }

    /// <summary>Starts a clock delay, counts the wait, and awaits it; false when cancelled.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var wait = Task.Delay(delay, _time, cancellationToken);
        Interlocked.Increment(ref _waits);
        try
        {
            await wait.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Invoke(Action? callback)
    {
        try
        {
            callback?.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LeaderCallbackFailed(e, _description);
        }
    }

    private static string Raw(LeaseSpec record) => JsonSerializer.Serialize(record, WireJson.Options);

    private static V1ObjectMeta WithoutManagedFields(V1ObjectMeta metadata) => metadata with { ManagedFields = null };
}
