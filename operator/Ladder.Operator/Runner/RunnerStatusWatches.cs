using System.Collections.Concurrent;
using System.Diagnostics;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Queue;

namespace Ladder.Operator.Runner;

/// <summary>
/// Keeps one status request waiting on the runner of each settled LiveStream
/// (<see cref="RunnerAdminClient.WaitForStatusChangeAsync"/>) and queues the stream's key when the runner's state
/// changes or it cannot be asked: the livestream controller's source of runner changes. At rest a stream costs one
/// request per <c>wait</c>, answered 304 by its runner, and nothing on the API server. A runner that cannot hold a
/// request (it answers at once) is asked again every poll interval; one that sends no entity tag gets its key queued
/// every poll interval, as before runners could tell.
/// </summary>
/// <param name="runners">The admin API client.</param>
/// <param name="wait">How long a runner may hold one request (whole seconds).</param>
/// <param name="pollInterval">The interval for runners that cannot hold a request or tag their status.</param>
/// <param name="logger">Logs failed waits (debug: the reconcile they trigger reports the problem).</param>
internal sealed partial class RunnerStatusWatches(RunnerAdminClient runners, TimeSpan wait, TimeSpan pollInterval, ILogger<RunnerStatusWatches> logger) : ISource
{
    private readonly ConcurrentDictionary<ObjectKey, Waiting> _watches = new();
    private RateLimitingQueue<ObjectKey>? _queue;
    private CancellationToken _stopping = new(canceled: true);

    /// <summary>How many streams are watched now.</summary>
    public int Count => _watches.Count;

    /// <inheritdoc />
    public async Task RunAsync(RateLimitingQueue<ObjectKey> queue, CancellationToken stopping)
    {
        _queue = queue;
        _stopping = stopping;
        try
        {
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var loops = _watches.Values.Select(w => w.Loop).ToArray();
        foreach (var key in _watches.Keys)
        {
            Stop(key);
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits on the runner at <paramref name="address"/> for a change from the state tagged <paramref name="etag"/>;
    /// keeps a watch already waiting with the same address, token and tag, and replaces any other.
    /// </summary>
    /// <param name="key">The LiveStream.</param>
    /// <param name="address">Its runner's admin API.</param>
    /// <param name="token">Its admin token.</param>
    /// <param name="etag">The tag of the status the last reconcile read; null when the runner sent none.</param>
    public void Watch(ObjectKey key, Uri address, string token, string? etag)
    {
        if (_stopping.IsCancellationRequested || (_watches.TryGetValue(key, out var current) && current.Matches(address, token, etag)))
        {
            return;
        }

        Stop(key);
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var watch = new Waiting(address, token, etag, cancellation, cancellation.Token);
        _watches[key] = watch;
        watch.Loop = Task.Run(() => WaitAsync(key, watch), CancellationToken.None);
    }

    /// <summary>Stops watching <paramref name="key"/>'s runner (the stream is gone, paused, stalled or not settled).</summary>
    public void Stop(ObjectKey key)
    {
        if (_watches.TryRemove(key, out var watch))
        {
            watch.Cancellation.Cancel();
            watch.Cancellation.Dispose();
        }
    }

    // Whoever removes a watch from _watches disposes its cancellation: Stop, or the loop when it ends on its own.
    private async Task WaitAsync(ObjectKey key, Waiting watch)
    {
        var cancellation = watch.Stopped;
        try
        {
            while (true)
            {
                if (watch.ETag is null)
                {
                    await Task.Delay(pollInterval, cancellation).ConfigureAwait(false);
                    break;
                }

                var asked = Stopwatch.GetTimestamp();
                if (await runners.WaitForStatusChangeAsync(watch.Address, watch.Token, watch.ETag, wait, cancellation).ConfigureAwait(false))
                {
                    break;
                }

                if (Stopwatch.GetElapsedTime(asked) < wait / 2)
                {
                    await Task.Delay(pollInterval, cancellation).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (RunnerAdminException e)
        {
            LogWaitFailed(logger, key.ToString(), e.Message);
        }

        if (_watches.TryRemove(new KeyValuePair<ObjectKey, Waiting>(key, watch)))
        {
            watch.Cancellation.Dispose();
            _queue?.Add(key);
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "LiveStream {Stream}: waiting on the runner's status failed, reconciling: {Message}")]
    private static partial void LogWaitFailed(ILogger logger, string stream, string message);

    private sealed record Waiting(Uri Address, string Token, string? ETag, CancellationTokenSource Cancellation, CancellationToken Stopped)
    {
        public Task Loop { get; set; } = Task.CompletedTask;

        public bool Matches(Uri address, string token, string? etag) => Address == address && Token == token && ETag == etag;
    }
}
