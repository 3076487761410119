using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Kubernetes;
using Ladder.Kubernetes.Errors;
using Ladder.Kubernetes.Models;

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

    private static readonly JsonElement Subresources = JsonDocument.Parse("""{"status":{}}""").RootElement.Clone();

    private static readonly JsonElement PrinterColumns = JsonDocument.Parse("""
        [{"name":"Size","type":"integer","jsonPath":".spec.size"},
         {"name":"Color","type":"string","jsonPath":".spec.color"},
         {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},
         {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]
        """).RootElement.Clone();

    private static readonly JsonElement Schema = JsonDocument.Parse("""
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
        """).RootElement.Clone();

    /// <summary>The widgets resource of the group.</summary>
    public static ApiResource Resource(string group) => new(group, Version, "widgets", "Widget", true);

    /// <summary>The CRD's name, <c>widgets.{group}</c>.</summary>
    public static string Name(ApiResource widgets) => $"{widgets.Plural}.{widgets.Group}";

    /// <summary>The CRD object for <paramref name="widgets"/>, as fixture 03 posts it, plus <paramref name="labels"/>.</summary>
    public static CustomResourceDefinition Build(ApiResource widgets, IDictionary<string, string> labels) => new()
    {
        ApiVersion = ApiResource.CustomResourceDefinitions.ApiVersion,
        Kind = ApiResource.CustomResourceDefinitions.Kind,
        Metadata = new V1ObjectMeta { Name = Name(widgets), Labels = labels },
        Spec = new CustomResourceDefinitionSpec
        {
            Group = widgets.Group,
            Scope = "Namespaced",
            Names = new CustomResourceDefinitionNames { Plural = widgets.Plural, Singular = "widget", Kind = widgets.Kind, ListKind = widgets.Kind + "List" },
            Versions =
            [
                new CustomResourceDefinitionVersion
                {
                    Name = Version,
                    Served = true,
                    Storage = true,
                    Subresources = Subresources,
                    AdditionalPrinterColumns = PrinterColumns,
                    Schema = Schema,
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
    public static async Task InstallAsync(KubernetesClient client, ApiResource widgets, string @namespace, IDictionary<string, string> labels, TimeSpan timeout)
    {
        var crds = client.Resource<CustomResourceDefinition>(ApiResource.CustomResourceDefinitions);
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await crds.CreateAsync(null, Build(widgets, labels), cancellationToken: bound.Token);
            while (!IsEstablished(await crds.GetAsync(null, Name(widgets), bound.Token)))
            {
                await Task.Delay(PollInterval, bound.Token);
            }

            while (true)
            {
                try
                {
                    await client.Resource<Widget>(widgets).ListAsync(@namespace, new ListOptions { Limit = 1 }, bound.Token);
                    return;
                }
                catch (KubeApiException e) when (e.IsNotFound)
                {
                    await Task.Delay(PollInterval, bound.Token);
                }
            }
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested)
        {
            throw new TimeoutException($"The CRD {Name(widgets)} was not Established and served within {timeout.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>True once the CRD's <c>Established</c> condition is True.</summary>
    /// <exception cref="InvalidOperationException">NamesAccepted is False: it will never be established.</exception>
    public static bool IsEstablished(CustomResourceDefinition crd)
    {
        var conditions = crd.Status?.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == "NamesAccepted" && c.Status == ConditionStatus.False) is { } refused)
        {
            throw new InvalidOperationException($"The CRD {crd.Metadata.Name} names were refused ({refused.Reason}): {refused.Message}");
        }

        return conditions.Any(c => c.Type == "Established" && c.Status == ConditionStatus.True);
    }
}
