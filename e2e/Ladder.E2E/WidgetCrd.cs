using k8s;
using k8s.Models;
using Ladder.ControllerRuntime.Cache;
using Ladder.ControllerRuntime.Errors;
using Ladder.Kubernetes.Testing;

namespace Ladder.E2E;

/// <summary>
/// The test CRD: fixture 03's Widget (same schema, CEL rule, status subresource and printer columns) in a group of
/// its own per run, <c>run-{id}.e2e.ladder.dev</c>, so that a leftover of a killed run or a parallel run never clashes.
/// </summary>
public static class WidgetCrd
{
    public const string Version = "v1alpha1";

    public const string CelMessage = "red widgets must have size <= 10";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    // Read by KubernetesClient's own model (V1CustomResourceValidation), whose x-kubernetes-* properties carry their wire names.
    private const string Schema = """
        {"openAPIV3Schema":{"type":"object","properties":{
          "spec":{"type":"object","required":["size"],
            "x-kubernetes-validations":[{"rule":"self.color != 'red' || self.size <= 10","message":"red widgets must have size <= 10"}],
            "properties":{"size":{"type":"integer","minimum":1},"color":{"type":"string","enum":["red","blue"]}}},
          "status":{"type":"object","properties":{
            "observedGeneration":{"type":"integer","format":"int64"},
            "conditions":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["type"],
              "items":{"type":"object","required":["type","status"],"properties":{
                "type":{"type":"string"},"status":{"type":"string","enum":["True","False","Unknown"]},
                "reason":{"type":"string"},"message":{"type":"string"},
                "observedGeneration":{"type":"integer","format":"int64"},
                "lastTransitionTime":{"type":"string","format":"date-time"}}}}}}}}}
        """;

    /// <summary>The widgets resource of the group.</summary>
    public static ResourceKind Resource(string group) => new(group, Version, "Widget", "widgets", true);

    /// <summary>The CRD's name, <c>widgets.{group}</c>.</summary>
    public static string Name(ResourceKind widgets) => $"{widgets.Plural}.{widgets.Group}";

    /// <summary>The CRD object for <paramref name="widgets"/>, as fixture 03 posts it, plus <paramref name="labels"/>.</summary>
    public static V1CustomResourceDefinition Build(ResourceKind widgets, IDictionary<string, string> labels) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = Name(widgets), Labels = labels },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = widgets.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = widgets.Plural, Singular = "widget", Kind = widgets.Kind, ListKind = widgets.Kind + "List" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                    AdditionalPrinterColumns =
                    [
                        new V1CustomResourceColumnDefinition { Name = "Size", Type = "integer", JsonPath = ".spec.size" },
                        new V1CustomResourceColumnDefinition { Name = "Color", Type = "string", JsonPath = ".spec.color" },
                        new V1CustomResourceColumnDefinition { Name = "Ready", Type = "string", JsonPath = ".status.conditions[?(@.type==\"Ready\")].status" },
                        new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" },
                    ],
                    Schema = KubernetesJson.Deserialize<V1CustomResourceValidation>(Schema),
                },
            ],
        },
    };

    /// <summary>
    /// Creates the CRD, waits until it is Established (as <c>kubectl wait --for=condition=established</c>), then until
    /// widgets can be listed in <paramref name="namespace"/>, all within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server refused the names (NamesAccepted False).</exception>
    /// <exception cref="TimeoutException">Not usable within <paramref name="timeout"/>.</exception>
    /// <exception cref="ApiStatusException">The server refused the CRD.</exception>
    public static async Task InstallAsync(IKubernetes kube, ObjectClient<Widget> widgets, string @namespace, IDictionary<string, string> labels, TimeSpan timeout)
    {
        var name = Name(widgets.Resource);
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await ApiStatusException.SendAsync("create CustomResourceDefinition " + name,
                () => kube.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Build(widgets.Resource, labels), cancellationToken: bound.Token));
            while (!IsEstablished(await kube.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: bound.Token)))
            {
                await Task.Delay(PollInterval, bound.Token);
            }

            while (true)
            {
                try
                {
                    await widgets.ListWatch.ListAsync(new ListRequest { Namespace = @namespace, Limit = 1 }, bound.Token);
                    return;
                }
                catch (ApiStatusException e) when (e.IsNotFound)
                {
                    await Task.Delay(PollInterval, bound.Token);
                }
            }
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested)
        {
            throw new TimeoutException($"The CRD {name} was not Established and served within {timeout.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>True once the CRD's <c>Established</c> condition is True.</summary>
    /// <exception cref="InvalidOperationException">NamesAccepted is False: it will never be established.</exception>
    public static bool IsEstablished(V1CustomResourceDefinition crd)
    {
        var conditions = crd.Status?.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == "NamesAccepted" && c.Status == "False") is { } refused)
        {
            throw new InvalidOperationException($"The CRD {crd.Metadata.Name} names were refused ({refused.Reason}): {refused.Message}");
        }

        return conditions.Any(c => c.Type == "Established" && c.Status == "True");
    }
}
