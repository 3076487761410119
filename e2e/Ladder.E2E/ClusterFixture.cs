using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;

namespace Ladder.E2E;

/// <summary>
/// The cluster the contract suite runs against (<see cref="ClusterFactAttribute.Variable"/>): KubernetesClient's
/// <see cref="IKubernetes"/>, a throwaway namespace and the test CRD (<see cref="WidgetCrd"/>), installed and
/// Established before the first test.
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
    private k8s.Kubernetes? _kube;
    private ObjectClient<Widget>? _widgets;
    private bool _cleanedUp;

    public ClusterFixture() => Namespace = "ladder-e2e-" + _run;

    /// <summary>The client; only valid in a test that runs (the variable is set).</summary>
    public IKubernetes Kube => _kube ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    /// <summary>The throwaway namespace, <c>ladder-e2e-{id}</c>.</summary>
    public string Namespace { get; }

    /// <summary>The test CRD's widgets, in group <c>run-{id}.e2e.ladder.dev</c>.</summary>
    public ObjectClient<Widget> Widgets => _widgets ?? throw new InvalidOperationException($"{ClusterFactAttribute.Variable} is not set: the test should have been skipped.");

    private static Dictionary<string, string> Labels => new() { [Label] = "true" };

    public async Task InitializeAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(ClusterFactAttribute.Variable);
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return;
        }

        _kube = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        _widgets = new ObjectClient<Widget>(_kube, WidgetCrd.Resource($"run-{_run}.e2e.ladder.dev"));
        try
        {
            await ApiStatusException.SendAsync("create Namespace " + Namespace, () => Kube.CoreV1.CreateNamespaceAsync(new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = Namespace, Labels = Labels },
            }));
            await WidgetCrd.InstallAsync(Kube, Widgets, Namespace, Labels, InstallTimeout);
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
        if (_kube is not null)
        {
            await CleanUpAsync();
        }
    }

    /// <summary>Disposes the client; xUnit calls it after <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => _kube?.Dispose();

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
        var crd = WidgetCrd.Name(Widgets.Resource);
        await TryAsync(errors, async () =>
        {
            var finalizersRemoved = new V1Patch(JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!, V1Patch.PatchType.MergePatch);
            var all = await Widgets.ListWatch.ListAsync(new ListRequest { Namespace = Namespace }, CancellationToken.None); // no limit: one page
            foreach (var widget in all.Items.Where(w => w.Metadata.Finalizers is { Count: > 0 }))
            {
                await TryAsync(errors, () => Widgets.PatchAsync(Namespace, widget.Metadata.Name, finalizersRemoved));
            }
        });
        await TryAsync(errors, () => ApiStatusException.SendAsync("delete Namespace " + Namespace, () => Kube.CoreV1.DeleteNamespaceAsync(Namespace)));
        await TryAsync(errors, () => ApiStatusException.SendAsync("delete CustomResourceDefinition " + crd, () => Kube.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd)));
        if (errors.Count > 0)
        {
            throw new AggregateException(
                $"Cleaning up namespace {Namespace} and CRD {crd} failed: delete them with 'kubectl delete crd,namespace -l {Label}=true'.", errors);
        }
    }

    private static async Task TryAsync(List<Exception> errors, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            // already gone, or never created
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException or TimeoutException)
        {
            errors.Add(e);
        }
    }
}
