using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// Runs informers and controllers as one hosted service (controller-runtime <c>manager.Manager</c>): starts every
/// informer, waits until all have synced, then runs the controllers; on stop, controllers finish the reconciles in
/// flight (graceful drain), then the informers stop. Register with <c>services.AddHostedService</c>.
/// </summary>
/// <remarks>
/// With <see cref="WithLeaderElection"/>, informers run on every replica (warm caches, as controller-runtime does)
/// but the controllers run only while this replica holds the Lease. When leadership is lost, the controllers stop
/// taking keys and drain their in-flight reconciles (whose token is cancelled once LeaseDuration − RenewDeadline
/// has passed, before another replica can take over), the informers stop, and <see cref="RunAsync"/> throws
/// <see cref="LeaderElectionLostException"/>. The process is then expected to exit so the pod restarts, as with
/// controller-runtime: when the manager was created with an <see cref="IHostApplicationLifetime"/>, it sets
/// <see cref="Environment.ExitCode"/> to 1 and stops the application itself.
/// </remarks>
public sealed class ControllerManager : IHostedService, IDisposable
{
    private readonly List<Func<CancellationToken, Task>> _informers = [];
    private readonly List<Func<CancellationToken, Task<bool>>> _syncs = [];
    private readonly List<Controller> _controllers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly IHostApplicationLifetime? _lifetime;
    private TimeProvider _time = TimeProvider.System;
    private Task? _run;

    /// <summary>Creates a manager that reports leadership loss only through <see cref="RunAsync"/> and <see cref="LeadershipLost"/>.</summary>
    public ControllerManager()
    {
    }

    /// <summary>Creates a manager that, on leadership loss, sets exit code 1 and stops <paramref name="lifetime"/>'s application.</summary>
    /// <param name="lifetime">The host's lifetime (from DI).</param>
    public ControllerManager(IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _lifetime = lifetime;
    }

    /// <summary>The elector when leader election is on; null otherwise.</summary>
    public LeaderElector? LeaderElector { get; private set; }

    /// <summary>True once the controllers were stopped because leadership was lost; the process should exit.</summary>
    public bool LeadershipLost { get; private set; }

    /// <summary>Adds an informer to start; controllers start only after it has synced.</summary>
    public ControllerManager AddInformer<T>(Informer<T> informer)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        _informers.Add(informer.RunAsync);
        _syncs.Add(informer.WaitForCacheSyncAsync);
        return this;
    }

    /// <summary>Adds a controller to run once every informer has synced (and, with leader election, while leading).</summary>
    public ControllerManager AddController(Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controllers.Add(controller);
        return this;
    }

    /// <summary>
    /// Runs the controllers only while this replica holds the Lease named by <paramref name="options"/> (controller-runtime
    /// <c>LeaderElection: true</c>); see the class remarks for what happens on loss.
    /// </summary>
    /// <param name="kubernetes">The client the Lease is read and written through.</param>
    /// <param name="options">The Lease, identity and timings (defaults 15 s / 10 s / 2 s); validated here.</param>
    /// <param name="time">The clock for the drain grace (the election itself runs on wall-clock time); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs election transitions; none when null.</param>
    /// <param name="metrics">Sets <c>leader_election_master_status</c>; none when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">Leader election was already configured.</exception>
    public ControllerManager WithLeaderElection(IKubernetes kubernetes, LeaderElectionOptions options, TimeProvider? time = null, ILogger? logger = null, ControllerRuntimeMetrics? metrics = null)
    {
        if (LeaderElector is not null)
        {
            throw new InvalidOperationException("Leader election is already configured for this manager.");
        }

        _time = time ?? TimeProvider.System;
        LeaderElector = new LeaderElector(kubernetes, options, new LeaderElectionCallbacks { OnStartedLeading = LeadAsync }, logger, metrics);
        return this;
    }

    /// <summary>
    /// Runs everything until <paramref name="cancellationToken"/> is cancelled, then drains the controllers and
    /// stops the informers. Returns without running controllers when cancelled before the caches synced.
    /// </summary>
    /// <exception cref="LeaderElectionLostException">Leadership was lost; the controllers were drained and the informers stopped.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var informersStop = new CancellationTokenSource();
        var informers = _informers.Select(run => Task.Run(() => run(informersStop.Token), CancellationToken.None)).ToArray();
        try
        {
            if (LeaderElector is null)
            {
                await RunControllersAsync(cancellationToken, _abort.Token).ConfigureAwait(false);
            }
            else
            {
                await LeaderElector.RunAsync(cancellationToken).ConfigureAwait(false);
                LeadershipLost = LeaderElector.LostLeadership;
            }
        }
        finally
        {
            await informersStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }

        if (LeadershipLost)
        {
            throw new LeaderElectionLostException($"{LeaderElector!.Options.LeaseNamespace}/{LeaderElector.Options.LeaseName}", LeaderElector.Identity);
        }
    }

    /// <summary>Starts <see cref="RunAsync"/> in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = RunAsync(_stopping.Token);
        if (_lifetime is not null)
        {
            _run.ContinueWith(
                static (run, state) =>
                {
                    if (run.Exception?.InnerException is LeaderElectionLostException)
                    {
                        Environment.ExitCode = 1;
                        ((IHostApplicationLifetime)state!).StopApplication();
                    }
                },
                _lifetime,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking new keys and waits for in-flight reconciles; when <paramref name="cancellationToken"/> fires first, reconciles are cancelled.
    /// A leadership loss that already ended the run is not rethrown here.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await using var registration = cancellationToken.Register(_abort.Cancel).ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (LeaderElectionLostException)
        {
        }
    }

    /// <summary>Releases the cancellation sources.</summary>
    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task RunControllersAsync(CancellationToken stopping, CancellationToken abort)
    {
        var synced = await Task.WhenAll(_syncs.Select(wait => wait(stopping))).ConfigureAwait(false);
        if (synced.All(s => s))
        {
            await Task.WhenAll(_controllers.Select(c => c.RunAsync(stopping, abort))).ConfigureAwait(false);
        }
    }

    /// <summary>The leading work: run the controllers; once leading ends, abandon reconciles still running after the grace.</summary>
    private async Task LeadAsync(CancellationToken leading)
    {
        var options = LeaderElector!.Options;
        var grace = options.LeaseDuration - options.RenewDeadline;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        ITimer? graceTimer = null;
        var registration = leading.Register(() => graceTimer = _time.CreateTimer(static s => CancelQuietly((CancellationTokenSource)s!), abort, grace, Timeout.InfiniteTimeSpan));
        try
        {
            await RunControllersAsync(leading, abort.Token).ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            graceTimer?.Dispose();
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
        }
    }
}
