using System.Text.Json.Nodes;
using k8s.Models;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;

namespace Ladder.E2E;

/// <summary>
/// The cluster the contract suite runs against (<see cref="ClusterFactAttribute.Variable"/>): a client, a throwaway
/// namespace and the test CRD (<see cref="WidgetCrd"/>), installed and Established before the first test.
/// </summary>
/// <remarks>
/// Both are labelled <c>ladder.dev/e2e=true</c> and deleted when the collection ends, whether its tests passed or
/// not, and when setting up fails half-way; leftover widget finalizers are stripped first so nothing blocks the
/// deletion. After a run that was killed: <c>kubectl delete crd,namespace -l ladder.dev/e2e=true</c>.
/// With the variable unset this does nothing, and every test reports itself skipped.
/// </remarks>
public sealed class ClusterFixture : IAsyncLifetime, IDisposable
{
    public const string Label = "ladder.dev/e2e";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(90);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private KubernetesClient? _client;
    private bool _cleanedUp;

    public ClusterFixture()
    {
        Namespace = "ladder-e2e-" + _run;
        Widgets = WidgetCrd.Resource($"run-{_run}.e2e.ladder.dev");
    }

    /// <summary>The client; only valid in a test that runs (the variable is set).</summary>
    public KubernetesClient Client => _client ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    /// <summary>The throwaway namespace, <c>ladder-e2e-{id}</c>.</summary>
    public string Namespace { get; }

    /// <summary>The test CRD's widgets resource, in group <c>run-{id}.e2e.ladder.dev</c>.</summary>
    public ApiResource Widgets { get; }

    private static Dictionary<string, string> Labels => new() { [Label] = "true" };

    public async Task InitializeAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable);
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return;
        }

        _client = new KubernetesClient(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        try
        {
            await Client.Resource<Namespace>(ApiResource.Namespaces).CreateAsync(null, new Namespace
            {
                ApiVersion = ApiResource.Namespaces.ApiVersion,
                Kind = ApiResource.Namespaces.Kind,
                Metadata = new V1ObjectMeta { Name = Namespace, Labels = Labels },
            });
            await WidgetCrd.InstallAsync(Client, Widgets, Namespace, Labels, InstallTimeout);
        }
        catch (Exception setup)
        {
            try
            {
                await CleanUpAsync();
            }
            catch (AggregateException cleanup)
            {
                throw new AggregateException("Setting up the e2e cluster fixture failed, and so did cleaning up after it.", setup, cleanup);
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await CleanUpAsync();
        }
    }

    /// <summary>Disposes the client; xUnit calls it after <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => _client?.Dispose();

    /// <summary>Deletes what the run created; what is already gone is fine. Throws what remains, saying how to clean by hand.</summary>
    private async Task CleanUpAsync()
    {
        // Once only: deleting a namespace that is already terminating answers 409.
        if (_cleanedUp)
        {
            return;
        }

        _cleanedUp = true;
        var errors = new List<Exception>();
        await TryAsync(errors, async () =>
        {
            var widgets = Client.Resource<Widget>(Widgets);
            var finalizersRemoved = JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!;
            await foreach (var widget in widgets.ListAllAsync(Namespace))
            {
                if (widget.Metadata.Finalizers is { Count: > 0 })
                {
                    await TryAsync(errors, () => widgets.PatchAsync(Namespace, widget.Metadata.Name!, PatchType.Merge, finalizersRemoved));
                }
            }
        });
        await TryAsync(errors, () => Client.Resource<Namespace>(ApiResource.Namespaces).DeleteAsync(null, Namespace));
        await TryAsync(errors, () => Client.Resource<CustomResourceDefinition>(ApiResource.CustomResourceDefinitions).DeleteAsync(null, WidgetCrd.Name(Widgets)));
        if (errors.Count > 0)
        {
            throw new AggregateException(
                $"Cleaning up namespace {Namespace} and CRD {WidgetCrd.Name(Widgets)} failed: delete them with 'kubectl delete crd,namespace -l {Label}=true'.", errors);
        }
    }

    private static async Task TryAsync(List<Exception> errors, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            // already gone, or never created
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or TimeoutException)
        {
            errors.Add(e);
        }
    }
}
