using k8s.Models;
using Ladder.ControllerRuntime.Errors;

namespace Ladder.E2E;

/// <summary>What the suite reads from a refusal besides its code and reason.</summary>
internal static class ApiStatusExceptionExtensions
{
    /// <summary>The fields the server named (<c>details.causes</c>: field, reason, message); empty when it named none.</summary>
    public static IList<V1StatusCause> Causes(this ApiStatusException error) => error.Status.Details?.Causes ?? [];

    /// <summary>409 with reason <c>AlreadyExists</c>: the name is taken (a create, not a write from a stale read).</summary>
    public static bool IsAlreadyExists(this ApiStatusException error) => error.Status.Reason == "AlreadyExists";
}
