using System.Text.Json.Nodes;

namespace Ladder.Kubernetes;

/// <summary>The body of a DELETE (<c>metav1.DeleteOptions</c>); unset members are not sent.</summary>
public sealed record DeleteOptions
{
    /// <summary>What happens to dependents; the server's default depends on the resource.</summary>
    public PropagationPolicy? PropagationPolicy { get; init; }

    /// <summary>Delete only when the object still has this uid (409 Conflict otherwise).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only when the object still has this resourceVersion (409 Conflict otherwise).</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Seconds of grace before the object is removed; 0 deletes immediately.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>When true, the server validates the delete but does not perform it.</summary>
    public bool DryRun { get; init; }

    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (PropagationPolicy is { } policy)
        {
            body["propagationPolicy"] = policy.ToString();
        }

        if (PreconditionUid is not null || PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (PreconditionUid is not null)
            {
                preconditions["uid"] = PreconditionUid;
            }

            if (PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = PreconditionResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        if (GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }

        if (DryRun)
        {
            body["dryRun"] = new JsonArray("All");
        }

        return body;
    }
}
