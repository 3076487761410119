using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;
using Ladder.Kubernetes;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Apply;

/// <summary>
/// Applies desired objects with server-side apply as field manager <c>ladder-operator</c>, forcing ownership of the
/// fields it sets (a hand edit of an owned field is drift and is taken back). When the live object from the informer
/// cache already holds every desired field with the desired value, nothing is sent: unchanged objects are not rewritten.
/// </summary>
internal static class ServerSideApplier
{
    private static readonly ApplyOptions Options = new() { FieldManager = RunnerLabels.FieldManager, Force = true };

    /// <summary>Applies <paramref name="desired"/> unless <paramref name="live"/> already matches it.</summary>
    /// <returns>The object as the server stored it (or <paramref name="live"/> when unchanged), and what happened.</returns>
    public static async Task<(T Object, ApplyOutcome Outcome)> ApplyAsync<T>(IResourceClient<T> client, T desired, T? live, CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        if (live is not null && Matches(live, desired))
        {
            return (live, ApplyOutcome.Unchanged);
        }

        var applied = await client.ApplyAsync(desired, Options, cancellationToken).ConfigureAwait(false);
        return (applied, live is null ? ApplyOutcome.Created : ApplyOutcome.Updated);
    }

    /// <summary>True when every field of <paramref name="desired"/> is set to the same value in <paramref name="live"/>.</summary>
    public static bool Matches<T>(T live, T desired)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        JsonSubset.Contains(JsonSerializer.SerializeToNode(live, WireJson.Options), JsonSerializer.SerializeToNode(desired, WireJson.Options));
}
