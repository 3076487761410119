using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Ladder.ControllerRuntime.Logging;
using Ladder.ControllerRuntime.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.ControllerRuntime.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease: KubernetesClient's <see cref="k8s.LeaderElection.LeaderElector"/>
/// with a <see cref="LeaseLock"/> does the acquiring, renewing and taking over (client-go
/// <c>tools/leaderelection</c> semantics: a held Lease is taken over once it has not changed for its
/// <c>leaseDurationSeconds</c> on this instance's clock; the leader gives up when no renewal succeeds within the
/// renew deadline). This class adds what the library lacks: the leading work as a task whose token is cancelled when
/// leadership ends and which is awaited before returning; the Lease released on cancellation
/// (<see cref="LeaderElectionOptions.ReleaseOnCancel"/>, as client-go's <c>ReleaseOnCancel</c>) so a successor takes
/// over at once; retrying when the first attempts fail; and <c>leader_election_master_status{name}</c>, 1 while leading.
/// </summary>
/// <remarks>The library reads the system clock and waits with real delays; durations are wall-clock time.</remarks>
public sealed class LeaderElector
{
    private readonly IKubernetes _kubernetes;
    private readonly LeaderElectionOptions _options;
    private readonly LeaderElectionCallbacks _callbacks;
    private readonly ILogger _logger;
    private readonly ControllerRuntimeMetrics? _metrics;
    private readonly string _description;
    private volatile string? _leader;
    private int _started;

    /// <summary>Creates an elector; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="kubernetes">The client; the Lease is read, created and replaced through <c>CoordinationV1</c>.</param>
    /// <param name="options">The Lease and the timings; validated here.</param>
    /// <param name="callbacks">What to run while leading and what to report.</param>
    /// <param name="logger">Logs transitions and failed attempts; none when null.</param>
    /// <param name="metrics">Sets <c>leader_election_master_status</c>; none when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="LeaderElectionOptions.Validate"/>).</exception>
    public LeaderElector(IKubernetes kubernetes, LeaderElectionOptions options, LeaderElectionCallbacks callbacks, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callbacks.OnStartedLeading, nameof(callbacks));
        options.Validate();
        _kubernetes = kubernetes;
        _options = options;
        _callbacks = callbacks;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _description = $"{options.LeaseNamespace}/{options.LeaseName}";
    }

    /// <summary>This candidate's identity (<see cref="LeaderElectionOptions.Identity"/>).</summary>
    public string Identity => _options.Identity;

    /// <summary>The settings this elector runs with.</summary>
    public LeaderElectionOptions Options => _options;

    /// <summary>True while this instance leads.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>The holder of the Lease last observed; null before the first observation or after a release.</summary>
    public string? Leader => _leader;

    /// <summary>True once <see cref="RunAsync"/> has returned because renewal failed within the renew deadline (not because it was cancelled).</summary>
    public bool LostLeadership { get; private set; }

    /// <summary>
    /// Competes for the Lease until <paramref name="cancellationToken"/> is cancelled or leadership is lost; may be
    /// called once. Returns normally in both cases (see <see cref="LostLeadership"/>). When the leading work threw,
    /// leadership is given up and that exception is rethrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"LeaderElector for Lease {_description} was already run; create a new one to compete again.");
        }

        SetStatus(0);
        var lease = new LeaseLock(_kubernetes, _options.LeaseNamespace, _options.LeaseName, Identity);
        lease.OnHttpError += e => _logger.LeaseUpdateFailed(e, _description);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var leading = new CancellationTokenSource();
        Task? work = null;
        using var elector = new k8s.LeaderElection.LeaderElector(new LeaderElectionConfig(lease)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            IsLeader = true;
            _logger.StartedLeading(_description, Identity);
            SetStatus(1);
            work = Task.Run(() => _callbacks.OnStartedLeading(leading.Token), CancellationToken.None);
            work.ContinueWith(_ => CancelQuietly(stop), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        };
        elector.OnStoppedLeading += () =>
        {
            IsLeader = false;
            SetStatus(0);
            leading.Cancel();
        };
        elector.OnNewLeader += leader => ReportLeader(leader);
        elector.OnError += e => _logger.LeaseUpdateFailed(e, _description);

        await ElectAsync(elector, () => work is not null, stop.Token).ConfigureAwait(false);
        if (work is null)
        {
            return;
        }

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

        LostLeadership = !stop.IsCancellationRequested;
        if (LostLeadership)
        {
            _logger.StoppedLeading(_description, Identity);
        }
        else if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync(lease).ConfigureAwait(false);
        }

        Invoke(_callbacks.OnStoppedLeading);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Runs the library's election once; failures before leading are retried every RetryPeriod, cancellation ends it.</summary>
    private async Task ElectAsync(k8s.LeaderElection.LeaderElector elector, Func<bool> led, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LeaseUpdateFailed(e, _description);
                if (led())
                {
                    return; // leadership ended with the failure (OnStoppedLeading has run)
                }
            }

            try
            {
                await Task.Delay(_options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>client-go <c>release</c>: an empty holder and a 1 s duration, keeping the transition count; bounded by RenewDeadline.</summary>
    private async Task ReleaseAsync(LeaseLock lease)
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var record = await lease.GetAsync(timeout.Token).ConfigureAwait(false);
            if (record?.HolderIdentity != Identity)
            {
                return;
            }

            var now = MicroTime.Sendable(DateTimeOffset.UtcNow);
            var released = new LeaderElectionRecord
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaderTransitions = record.LeaderTransitions,
            };
            if (!await lease.UpdateAsync(released, timeout.Token).ConfigureAwait(false))
            {
                throw new HttpOperationException($"The API server refused the update of Lease {_description}.");
            }

            ReportLeader("");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LeaseReleaseFailed(e, _description);
        }
    }

    private void ReportLeader(string leader)
    {
        _leader = string.IsNullOrEmpty(leader) ? null : leader;
        if (_leader is not null)
        {
            _logger.NewLeader(_description, leader);
            Invoke(() => _callbacks.OnNewLeader?.Invoke(leader));
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the run has already ended
        }
    }

    private void SetStatus(double value) => _metrics?.LeaderStatus.WithLabels(_options.LeaseName).Set(value);

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
}
