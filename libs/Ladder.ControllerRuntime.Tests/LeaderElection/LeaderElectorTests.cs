using System.Text.Json.Nodes;
using Ladder.ControllerRuntime.LeaderElection;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Models;
using Ladder.Kubernetes.Testing;
using Ladder.TestSupport;

namespace Ladder.ControllerRuntime.Tests.LeaderElection;

/// <summary>Scenarios no recording covers, against the stateful fake API server and fake clocks.</summary>
public sealed class LeaderElectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private static LeaderElectionOptions Options(string identity, bool release = false) => new()
    {
        LeaseName = "ladder-leader",
        LeaseNamespace = "demo",
        Identity = identity,
        ReleaseOnCancel = release,
    };

    private static JsonObject LeaseSpecOn(FakeApiServer server) => server.Get(ApiResource.Leases, "demo", "ladder-leader")!["spec"]!.AsObject();

    [Fact]
    public async Task Elector_Should_TakeOverOnlyAfterLeaseDurationOnItsOwnClock_When_LeaderStopsRenewing()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var leases = client.Resource<Lease>(ApiResource.Leases);
        // The leader's clock is an hour behind: its renewTime means nothing to the candidate, which times expiry itself.
        using var a = new ElectorHarness(leases, Options("a"), new FakeClock(T0 - TimeSpan.FromHours(1)));
        using var b = new ElectorHarness(leases, Options("b"), new FakeClock(T0));

        await a.StartAsync();
        await b.StartAsync();
        Assert.True(a.Elector.IsLeader);
        Assert.Equal("a", b.Elector.Leader);
        for (var i = 0; i < 3; i++)
        {
            await b.TickAsync(Retry);
        }

        await a.TickAsync(Retry); // a renews once: b sees the record change at its next read (T0 + 8 s)
        await a.StopAsync();      // then a dies without releasing
        var sawChangeAt = T0 + TimeSpan.FromSeconds(8);
        for (var i = 0; i < 20 && !b.Elector.IsLeader; i++)
        {
            await b.TickAsync(Retry);
        }

        Assert.True(b.Elector.IsLeader);
        await Eventually.WaitUntil(() => b.StartedAt is not null, "leading work started");
        Assert.InRange(b.StartedAt!.Value, sawChangeAt + TimeSpan.FromSeconds(15), sawChangeAt + TimeSpan.FromSeconds(15) + Retry);
        var spec = LeaseSpecOn(server);
        Assert.Equal("b", spec["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, spec["leaseTransitions"]!.GetValue<int>());
        Assert.Equal(15, spec["leaseDurationSeconds"]!.GetValue<int>());
        Assert.Equal(b.StartedAt.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture), spec["acquireTime"]!.GetValue<string>());
        Assert.Equal(["a", "b"], b.NewLeaders);
        Assert.False(a.Elector.LostLeadership);
        await b.StopAsync();
    }

    [Fact]
    public async Task Elector_Should_GiveUpWithinRenewDeadlineAndCancelLeadingWork_When_ServerUnreachable()
    {
        await using var server = await FakeApiServer.StartAsync();
        var handler = new SwitchableHandler();
        using var client = new KubernetesClient(new k8s.KubernetesClientConfiguration { Host = server.Address.ToString(), AccessToken = "t", HttpClientTimeout = TimeSpan.FromSeconds(5) }, handler);
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        using var a = new ElectorHarness(client.Resource<Lease>(ApiResource.Leases), Options("a"), new FakeClock(T0), new ControllerRuntimeMetrics(metrics));

        await a.StartAsync();
        Assert.True(a.Elector.IsLeader);
        Assert.Equal(1, (await PrometheusSamples.ScrapeAsync(metrics)).Value("leader_election_master_status", ("name", "ladder-leader")));
        await a.TickAsync(Retry); // renewed at T0 + 2 s
        handler.Unreachable = true;
        for (var i = 0; i < 10 && !a.Run!.IsCompleted; i++)
        {
            await a.TickAsync(Retry);
        }

        await a.Run!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(a.Elector.LostLeadership);
        Assert.True(a.LeadingToken.IsCancellationRequested);
        var lastRenew = T0 + Retry;
        Assert.InRange(a.StoppedLeadingAt!.Value, lastRenew + TimeSpan.FromSeconds(10), lastRenew + TimeSpan.FromSeconds(15));
        Assert.Equal(a.StoppedLeadingAt, a.StoppedWorkAt);
        Assert.Equal(0, (await PrometheusSamples.ScrapeAsync(metrics)).Value("leader_election_master_status", ("name", "ladder-leader")));
    }

    [Fact]
    public async Task Elector_Should_ReleaseLeaseSoAnotherTakesOverAtOnce_When_CancelledWithReleaseOnCancel()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = server.CreateClient();
        var leases = client.Resource<Lease>(ApiResource.Leases);
        var clock = new FakeClock(T0);
        using var a = new ElectorHarness(leases, Options("a", release: true), clock);
        using var b = new ElectorHarness(leases, Options("b"), clock);

        await a.StartAsync();
        await b.StartAsync();
        Assert.False(b.Elector.IsLeader);
        await a.StopAsync();

        var released = LeaseSpecOn(server);
        Assert.Equal("", released["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, released["leaseDurationSeconds"]!.GetValue<int>());
        Assert.NotNull(a.StoppedLeadingAt);
        Assert.False(a.Elector.LostLeadership);

        await b.TickAsync(Retry); // the next attempt takes the released lease, long before 15 s
        Assert.True(b.Elector.IsLeader);
        Assert.Equal(1, LeaseSpecOn(server)["leaseTransitions"]!.GetValue<int>());
        await b.StopAsync();
    }

    [Theory]
    [InlineData(10, 10, 2, "LeaseDuration (10 s) must be greater than RenewDeadline (10 s)")]
    [InlineData(15, 2, 2, "RenewDeadline (2 s) must be greater than RetryPeriod × 1.2 (2.4 s)")]
    [InlineData(0.5, 0.2, 0.1, "LeaseDuration must be at least 1 s")]
    public void Options_Should_ExplainTheRule_When_DurationsOutOfOrder(double lease, double renew, double retry, string message)
    {
        var options = Options("a") with { LeaseDuration = TimeSpan.FromSeconds(lease), RenewDeadline = TimeSpan.FromSeconds(renew), RetryPeriod = TimeSpan.FromSeconds(retry) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Should_DefaultToClientGoTimings()
    {
        var options = Options("a");

        options.Validate();
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)), (options.LeaseDuration, options.RenewDeadline, options.RetryPeriod));
        Assert.Matches("^.+_[0-9a-f-]{36}$", new LeaderElectionOptions { LeaseName = "l", LeaseNamespace = "n" }.Identity);
    }
}
