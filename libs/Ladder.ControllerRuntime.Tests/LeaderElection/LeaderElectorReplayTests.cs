using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;

namespace Ladder.ControllerRuntime.Tests.LeaderElection;

/// <summary>The elector against recorded kube-apiserver v1.26 exchanges 51–53 (Lease create, renew, stale takeover).</summary>
public sealed class LeaderElectorReplayTests
{
    private static readonly DateTimeOffset RecordedStart = new(2026, 11, 21, 10, 5, 30, TimeSpan.Zero);

    private static bool IsLeaseGet(RecordedRequest r) => r.Method == "GET" && r.Path == "/apis/coordination.k8s.io/v1/namespaces/demo/leases/widget-controller-leader";

    [Fact]
    public async Task Elector_Should_CreateLeaseThenRenewWithItsResourceVersion_When_LeaseIsAbsent()
    {
        await using var server = await ApiReplayServer.StartAsync("51-create-lease", "52-update-lease-renew");
        server.Script("get-lease-404", IsLeaseGet, ScriptedResponses.Status(404, "NotFound", "leases.coordination.k8s.io \"widget-controller-leader\" not found"));
        using var client = server.CreateClient();
        var options = new LeaderElectionOptions
        {
            LeaseName = "widget-controller-leader",
            LeaseNamespace = "demo",
            Identity = "widget-controller-0_7f3c2a",
            RetryPeriod = TimeSpan.FromSeconds(10),
            RenewDeadline = TimeSpan.FromSeconds(13),
        };
        using var a = new ElectorHarness(client.Resource<Lease>(ApiResource.Leases), options, new FakeClock(RecordedStart));

        await a.StartAsync();
        Assert.True(a.Elector.IsLeader);
        await Eventually.WaitUntil(() => a.StartedAt is not null, "leading work started");
        await a.TickAsync(TimeSpan.FromSeconds(10));
        await a.StopAsync();

        Assert.Empty(server.Mismatches);
        Assert.Equal(["get-lease-404", "51-create-lease", "52-update-lease-renew"], server.Requests.Select(r => r.Fixture));
        Assert.Equal(RecordedStart, a.StartedAt);
        Assert.Equal(["widget-controller-0_7f3c2a"], a.NewLeaders);
        Assert.False(a.Elector.LostLeadership);
    }

    [Fact]
    public async Task Elector_Should_TreatConflictAsLostRaceAndNotLead_When_TakeoverUsesStaleResourceVersion()
    {
        // Candidate 1 keeps reading the Lease as created in 51 (resourceVersion 293). Unchanged for 15 s by its own
        // clock, the lease looks expired, so it tries a takeover with that resourceVersion: the server answers 409 (53).
        await using var server = await ApiReplayServer.StartAsync("53-update-lease-stale-resourceversion");
        for (var i = 0; i < 5; i++)
        {
            server.Script("get-lease-as-51", IsLeaseGet, ReplayAnswers.ResponseOf("51-create-lease"));
        }

        using var client = server.CreateClient();
        var options = new LeaderElectionOptions
        {
            LeaseName = "widget-controller-leader",
            LeaseNamespace = "demo",
            Identity = "widget-controller-1_9d41be",
            RetryPeriod = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(10),
        };
        using var b = new ElectorHarness(client.Resource<Lease>(ApiResource.Leases), options, new FakeClock(RecordedStart));

        await b.StartAsync();
        Assert.Equal("widget-controller-0_7f3c2a", b.Elector.Leader);
        await b.TickAsync(TimeSpan.FromSeconds(5));
        await b.TickAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, server.Requests.Count);
        await b.TickAsync(TimeSpan.FromSeconds(5));
        await b.StopAsync();

        Assert.Empty(server.Mismatches);
        Assert.Equal(["get-lease-as-51", "get-lease-as-51", "get-lease-as-51", "get-lease-as-51", "53-update-lease-stale-resourceversion"], server.Requests.Select(r => r.Fixture));
        Assert.False(b.Elector.IsLeader);
        Assert.Null(b.StartedAt);
        Assert.Null(b.StoppedLeadingAt);
        Assert.Equal(["widget-controller-0_7f3c2a"], b.NewLeaders);
    }
}
