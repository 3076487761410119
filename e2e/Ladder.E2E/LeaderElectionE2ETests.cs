using k8s;
using Microsoft.AspNetCore.Builder;

namespace Ladder.E2E;

/// <summary>
/// Operator replicas as the chart runs them, with leader election: one holds the Lease in the release namespace (under
/// the chart's Role) and keeps it while the others wait; when the leader shuts down gracefully it releases the Lease,
/// so a waiting replica leads within a few retry periods rather than a full lease duration (15 s), and reconciles the
/// next stream.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class LeaderElectionE2ETests(OperatorFixture fixture)
{
    private const string LeaseName = "ladder-operator-leader";

    [ClusterFact]
    public async Task Replicas_Should_HaveOneStableLeader_And_HandOverQuickly_When_TheLeaderStops()
    {
        var replicas = new List<WebApplication>();
        try
        {
            replicas.Add(await StartAsync());
            replicas.Add(await StartAsync());
            string holder = "";
            await OperatorFixture.EventuallyAsync(async () => (holder = await HolderAsync()).Length > 0, "a replica holds the Lease", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(holder, await HolderAsync());

            // Stop replica 0; if the Lease did not move it was not the leader, so a third replica joins and the leader (1) stops.
            var stoppedAt = DateTime.UtcNow;
            await replicas[0].StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            if (await HolderAsync() == holder)
            {
                replicas.Add(await StartAsync());
                stoppedAt = DateTime.UtcNow;
                await replicas[1].StopAsync();
            }

            await OperatorFixture.EventuallyAsync(async () => await HolderAsync() is { Length: > 0 } now && now != holder, "another replica holds the Lease", TimeSpan.FromSeconds(12));
            Assert.True(DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(12), "the hand-over waited for the lease to expire instead of its release");

            var demo = await File.ReadAllTextAsync(Path.Combine(OperatorFixture.RepoRoot, "config", "samples", "demo.yaml"));
            await fixture.ApplyYamlAsync(demo.Replace("name: demo\n", "name: le-demo\n", StringComparison.Ordinal));
            await OperatorFixture.EventuallyAsync(async () => await OperatorFixture.TryGetAsync(() => fixture.Kube.AppsV1.ReadNamespacedDeploymentAsync("le-demo", fixture.Namespace)) is not null,
                "the new leader reconciles a new stream", TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var app in replicas)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = fixture.BuildOperator(leaderElect: true);
        await app.StartAsync();
        return app;
    }

    private async Task<string> HolderAsync() =>
        (await OperatorFixture.TryGetAsync(() => fixture.Kube.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, fixture.Chart.Namespace)))?.Spec?.HolderIdentity ?? "";
}
