using System.Text;
using k8s.Models;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Builders;
using Ladder.Operator.Controllers;
using Ladder.Operator.Hosting;
using Ladder.Operator.Runner;
using Ladder.Operator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Operator.Tests.Controllers;

/// <summary>
/// The admin token is generated once per stream and kept: a reconcile whose informer cache has not seen the stream's
/// Secret yet (it was just created, or the cache is still filling) reads the live Secret instead of minting a new token.
/// </summary>
public sealed class AdminTokenTests
{
    private static string Token(FakeApiServer api) =>
        Encoding.UTF8.GetString(OperatorHarness.As<V1Secret>(api.Get<V1Secret>(TestObjects.Namespace, "news-pipeline")!).Data![RunnerAdminApi.TokenSecretKey]);

    // A reconciler over caches filled by hand (no informer runs), so the test decides what the cache has seen.
    private static async Task<(LiveStreamReconciler Reconciler, OperatorInformers Cache, LiveStream Stream)> ReconcilerAsync(k8s.Kubernetes kube, FakeRunner runner)
    {
        var clients = new OperatorClients(kube);
        var objects = new ObjectClients(kube);
        var cache = new OperatorInformers(clients, TestObjects.Namespace);
        cache.Secrets.Store.Upsert(await objects.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret()));
        cache.Profiles.Store.Upsert(await objects.Profiles.CreateAsync(TestObjects.Namespace, TestObjects.Profile()));
        var stream = await objects.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
        cache.Streams.Store.Upsert(stream);
        var runners = new RunnerAdminClient(new HttpClient(), TimeSpan.FromSeconds(1));
        var watches = new RunnerStatusWatches(runners, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), NullLogger<RunnerStatusWatches>.Instance);
        var reconciler = new LiveStreamReconciler(cache, clients, runners, watches, runner, new CapturingEvents(),
            new OperatorOptions { RunnerImage = "ladder/runner:test" }, TimeProvider.System, NullLogger<LiveStreamReconciler>.Instance);
        return (reconciler, cache, stream);
    }

    [Fact]
    public async Task Reconcile_Should_KeepTheStoredToken_When_SecretIsNotInTheCacheYet()
    {
        await using var api = await FakeApiServer.StartAsync();
        await using var runner = await FakeRunner.StartAsync();
        using var kube = api.CreateKubernetes();
        var (reconciler, cache, stream) = await ReconcilerAsync(kube, runner);

        await reconciler.ReconcileAsync(new ObjectKey(TestObjects.Namespace, "news"), CancellationToken.None);
        var first = Token(api);
        var pipelineAfterFirst = api.Get<V1Secret>(TestObjects.Namespace, "news-pipeline")!["metadata"]!["annotations"]![RunnerLabels.PipelineGenerationAnnotation]!.GetValue<string>();

        // Second reconcile: the cache has the stream's new status but still no Secret (its watch event has not arrived).
        cache.Streams.Store.Upsert(await new ObjectClients(kube).Streams.GetAsync(TestObjects.Namespace, "news"));
        await reconciler.ReconcileAsync(new ObjectKey(TestObjects.Namespace, "news"), CancellationToken.None);

        Assert.Equal(64, first.Length);
        Assert.Equal(first, Token(api));
        Assert.Equal("1", pipelineAfterFirst);
        Assert.Equal("1", api.Get<V1Secret>(TestObjects.Namespace, "news-pipeline")!["metadata"]!["annotations"]![RunnerLabels.PipelineGenerationAnnotation]!.GetValue<string>());
        Assert.Equal(stream.Metadata.Uid, api.Get<V1Secret>(TestObjects.Namespace, "news-pipeline")!["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_Should_NeverRotateAnExistingToken_When_ItIsOnlyInTheApiServer()
    {
        await using var api = await FakeApiServer.StartAsync();
        await using var runner = await FakeRunner.StartAsync();
        using var kube = api.CreateKubernetes();
        var (reconciler, _, _) = await ReconcilerAsync(kube, runner);
        await new ObjectClients(kube).Secrets.CreateAsync(TestObjects.Namespace, new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "news-pipeline" },
            Data = new Dictionary<string, byte[]> { [RunnerAdminApi.TokenSecretKey] = Encoding.UTF8.GetBytes("kept-token") },
        });

        await reconciler.ReconcileAsync(new ObjectKey(TestObjects.Namespace, "news"), CancellationToken.None);

        Assert.Equal("kept-token", Token(api));
        var deployment = api.Get<V1Deployment>(TestObjects.Namespace, "news");
        Assert.NotNull(deployment);
    }
}
