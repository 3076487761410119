using k8s;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Controllers;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Controllers;

/// <summary>
/// The operator's API calls through KubernetesClient, against an API server that refuses them: the error names the
/// request and carries the server's Status (code, reason, message), where KubernetesClient's own names only the HTTP status.
/// </summary>
public sealed class ApiStatusExceptionTests : IAsyncLifetime
{
    private FakeApiServer _api = null!;
    private k8s.Kubernetes _kube = null!;
    private OperatorClients _clients = null!;
    private ObjectClients _objects = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeApiServer.StartAsync();
        _kube = _api.CreateKubernetes();
        _clients = new OperatorClients(_kube);
        _objects = new ObjectClients(_kube);
    }

    public async Task DisposeAsync()
    {
        _kube.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task ReplaceStatusAsync_Should_RefuseAsConflictInTheServersWords_When_TheStreamChangedSinceItWasRead()
    {
        var read = await _objects.Streams.CreateAsync(TestObjects.Namespace, TestObjects.Stream());
        await _clients.ReplaceStatusAsync(new LiveStream { Metadata = read.Metadata, Spec = read.Spec, Status = new LiveStreamStatus { ObservedGeneration = 1 } }, CancellationToken.None);

        var stale = new LiveStream { Metadata = read.Metadata, Spec = read.Spec, Status = new LiveStreamStatus { ObservedGeneration = 2 } };
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => _clients.ReplaceStatusAsync(stale, CancellationToken.None));

        Assert.True(error.IsConflict);
        Assert.StartsWith("update the status of LiveStream media/news: 409 Conflict: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, OperatorHarness.As<LiveStream>(_api.Get<LiveStream>(TestObjects.Namespace, "news")!).Status!.ObservedGeneration);
    }

    [Fact]
    public async Task SendAsync_Should_NameTheInvalidField_When_TheServerAnswers422()
    {
        var nameless = new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta() };

        var error = await Assert.ThrowsAsync<ApiStatusException>(() =>
            ApiStatusException.SendAsync("create a Secret in media", () => _kube.CoreV1.CreateNamespacedSecretAsync(nameless, TestObjects.Namespace)));

        Assert.True(error.IsInvalid);
        Assert.Contains("create a Secret in media: 422 Invalid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("metadata.name: name or generateName is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSecretAsync_Should_ReturnNull_When_TheSecretDoesNotExist_And_TheSecret_When_ItDoes()
    {
        Assert.Null(await _clients.ReadSecretAsync(TestObjects.Namespace, "ingest", CancellationToken.None));

        await _objects.Secrets.CreateAsync(TestObjects.Namespace, TestObjects.IngestSecret());

        Assert.Equal(TestObjects.StreamKey, System.Text.Encoding.UTF8.GetString((await _clients.ReadSecretAsync(TestObjects.Namespace, "ingest", CancellationToken.None))!.Data!["key"]));
    }
}
