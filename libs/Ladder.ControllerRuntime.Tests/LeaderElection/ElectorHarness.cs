using System.Collections.Concurrent;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Tests.LeaderElection;

/// <summary>One candidate under test: its elector, the callbacks it saw, and a way to step its fake clock one wait at a time.</summary>
internal sealed class ElectorHarness : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public ElectorHarness(IResourceClient<Lease> leases, LeaderElectionOptions options, FakeClock clock, ControllerRuntimeMetrics? metrics = null, ILogger? logger = null)
    {
        Clock = clock;
        Elector = new LeaderElector(leases, options, new LeaderElectionCallbacks
        {
            OnStartedLeading = async ct =>
            {
                StartedAt = clock.GetUtcNow();
                LeadingToken = ct;
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    StoppedWorkAt = clock.GetUtcNow();
                }
            },
            OnStoppedLeading = () => StoppedLeadingAt = clock.GetUtcNow(),
            OnNewLeader = NewLeaders.Enqueue,
        }, clock, logger, metrics)
        {
            Random = () => 0,
        };
    }

    public FakeClock Clock { get; }

    public LeaderElector Elector { get; }

    public Task? Run { get; private set; }

    public ConcurrentQueue<string> NewLeaders { get; } = new();

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? StoppedWorkAt { get; private set; }

    public DateTimeOffset? StoppedLeadingAt { get; private set; }

    public CancellationToken LeadingToken { get; private set; }

    /// <summary>Starts the elector and waits until its first attempt is done and it waits on the clock.</summary>
    public async Task StartAsync()
    {
        Run = Elector.RunAsync(_cancel.Token);
        await Eventually.WaitUntil(() => Elector.Waits >= 1 || Run.IsCompleted, "first attempt");
    }

    /// <summary>Moves the clock by <paramref name="by"/> and waits until the elector waits on the clock again (or has returned).</summary>
    public async Task TickAsync(TimeSpan by)
    {
        var waits = Elector.Waits;
        Clock.Advance(by);
        await Eventually.WaitUntil(() => Elector.Waits > waits || Run!.IsCompleted, $"an attempt after advancing {by}");
    }

    public async Task StopAsync()
    {
        await _cancel.CancelAsync();
        await Run!.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _cancel.Dispose();
}
