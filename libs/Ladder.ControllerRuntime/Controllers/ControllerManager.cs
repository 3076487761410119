using Ladder.ControllerRuntime.Cache;
using Ladder.Kubernetes.Models;
using Microsoft.Extensions.Hosting;

namespace Ladder.ControllerRuntime.Controllers;

/// <summary>
/// Runs informers and controllers as one hosted service (controller-runtime <c>manager.Manager</c>): starts every
/// informer, waits until all have synced, then runs the controllers; on stop, controllers finish the reconciles in
/// flight (graceful drain), then the informers stop. Register with <c>services.AddHostedService</c>.
/// </summary>
public sealed class ControllerManager : IHostedService, IDisposable
{
    private readonly List<Func<CancellationToken, Task>> _informers = [];
    private readonly List<Func<CancellationToken, Task<bool>>> _syncs = [];
    private readonly List<Controller> _controllers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _run;

    /// <summary>Adds an informer to start; controllers start only after it has synced.</summary>
    public ControllerManager AddInformer<T>(Informer<T> informer)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(informer);
        _informers.Add(informer.RunAsync);
        _syncs.Add(informer.WaitForCacheSyncAsync);
        return this;
    }

    /// <summary>Adds a controller to run once every informer has synced.</summary>
    public ControllerManager AddController(Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controllers.Add(controller);
        return this;
    }

    /// <summary>
    /// Runs everything until <paramref name="cancellationToken"/> is cancelled, then drains the controllers and
    /// stops the informers. Returns without running controllers when cancelled before the caches synced.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var informersStop = new CancellationTokenSource();
        var informers = _informers.Select(run => Task.Run(() => run(informersStop.Token), CancellationToken.None)).ToArray();
        try
        {
            var synced = await Task.WhenAll(_syncs.Select(wait => wait(cancellationToken))).ConfigureAwait(false);
            if (synced.All(s => s))
            {
                await Task.WhenAll(_controllers.Select(c => c.RunAsync(cancellationToken, _abort.Token))).ConfigureAwait(false);
            }
        }
        finally
        {
            await informersStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }
    }

    /// <summary>Starts <see cref="RunAsync"/> in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking new keys and waits for in-flight reconciles; when <paramref name="cancellationToken"/> fires first, reconciles are cancelled.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await using var registration = cancellationToken.Register(_abort.Cancel).ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    /// <summary>Releases the cancellation sources.</summary>
    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }
}
