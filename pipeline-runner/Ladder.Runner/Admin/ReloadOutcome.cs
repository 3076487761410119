using Ladder.Api.Runner;

namespace Ladder.Runner.Admin;

/// <summary>The answer to one reload request: 200 with the plan, or an error code with a <c>metav1.Status</c>.</summary>
/// <param name="Code">The HTTP status code: 200, 409 or 422 (500 when applying failed).</param>
/// <param name="Plan">The plan, for 200.</param>
/// <param name="Error">The Status body, otherwise.</param>
internal sealed record ReloadOutcome(int Code, ReloadPlan? Plan, Ladder.Api.Meta.Status? Error);
