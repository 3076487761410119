using System.Diagnostics;

namespace Ladder.Runner.Tests.Push;

/// <summary>Samples a runner's HLS playlist every 250 ms in the background and keeps the longest time without a new segment.</summary>
internal sealed class HlsWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HlsWatch(PushRunner runner) => _loop = Task.Run(() => RunAsync(runner, _stop.Token));

    /// <summary>The longest stretch without a new segment so far.</summary>
    public TimeSpan LongestStall { get; private set; }

    /// <summary>The next segment number at the last sample.</summary>
    public long Latest { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task RunAsync(PushRunner runner, CancellationToken token)
    {
        var changed = Stopwatch.StartNew();
        Latest = await runner.NextSegmentAsync();
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(250, token);
            var next = await runner.NextSegmentAsync();
            if (next != Latest)
            {
                Latest = next;
                changed.Restart();
            }
            LongestStall = changed.Elapsed > LongestStall ? changed.Elapsed : LongestStall;
        }
    }
}
