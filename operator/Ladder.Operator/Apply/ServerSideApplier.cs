using System.Text.Json;
using k8s.Models;
using Ladder.Api.Meta;

namespace Ladder.Operator.Apply;

/// <summary>
/// Applies desired built-in objects (<see cref="V1Secret"/>, <see cref="V1Service"/>, <see cref="V1Deployment"/>) with
/// server-side apply as field manager <c>ladder-operator</c>, forcing ownership of the fields it sets (a hand edit of an
/// owned field is drift and is taken back). When the live object from the informer cache already holds every desired
/// field with the desired value, nothing is sent: unchanged objects are not rewritten. Both sides are compared through
/// KubernetesClient's models, so quantities (<c>2000m</c> and <c>2</c>) and int-or-strings (<c>"8081"</c> and
/// <c>8081</c>) compare in the canonical form the API server stores. A read object is never written back: the models
/// drop fields newer than they are, and an apply sends only the fields Ladder owns.
/// </summary>
internal static class ServerSideApplier
{
    /// <summary>Applies <paramref name="desired"/> through <paramref name="apply"/> unless <paramref name="live"/> already matches it.</summary>
    /// <param name="apply">The typed server-side apply call (for example <see cref="Controllers.OperatorClients.ApplyDeploymentAsync"/>).</param>
    /// <param name="desired">The object as the builders produce it.</param>
    /// <param name="live">The object in the informer cache, or null when it does not exist (yet).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The object as the server stored it (or <paramref name="live"/> when unchanged), and what happened.</returns>
    /// <exception cref="ControllerRuntime.Errors.ApiStatusException">The API server refused the apply (its Status message says why).</exception>
    public static async Task<(T Object, ApplyOutcome Outcome)> ApplyAsync<T>(Func<T, CancellationToken, Task<T>> apply, T desired, T? live, CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        if (live is not null && Matches(live, desired))
        {
            return (live, ApplyOutcome.Unchanged);
        }

        var applied = await apply(desired, cancellationToken).ConfigureAwait(false);
        return (applied, live is null ? ApplyOutcome.Created : ApplyOutcome.Updated);
    }

    /// <summary>True when every field of <paramref name="desired"/> is set to the same value in <paramref name="live"/>.</summary>
    public static bool Matches<T>(T live, T desired)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        JsonSubset.Contains(JsonSerializer.SerializeToNode(live, WireJson.Options), JsonSerializer.SerializeToNode(desired, WireJson.Options));
}
