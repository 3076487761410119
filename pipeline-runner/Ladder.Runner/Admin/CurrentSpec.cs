using Ladder.Api.Pipeline;
using Ladder.Api.Runner;

namespace Ladder.Runner.Admin;

/// <summary>
/// The spec the runner executes now and how it got there: starts as the spec the runner was started with, moves with
/// every applied reload (<c>PUT /v1/pipeline</c>, the spec file changing on disk). Read by the status and readiness endpoints.
/// </summary>
internal sealed class CurrentSpec(PipelineSpec initial)
{
    private volatile PipelineSpec _spec = initial;
    private volatile ReloadPlan? _lastReload;
    private volatile bool _reloading;

    /// <summary>The spec in effect.</summary>
    public PipelineSpec Spec => _spec;

    /// <summary>How the last reload was applied; null while the runner runs the spec it started with.</summary>
    public ReloadPlan? LastReload => _lastReload;

    /// <summary>True while a reload is being applied (phase <c>reloading</c>).</summary>
    public bool Reloading
    {
        get => _reloading;
        set => _reloading = value;
    }

    /// <summary>Records that <paramref name="spec"/> is in effect, applied by <paramref name="plan"/>.</summary>
    public void Applied(PipelineSpec spec, ReloadPlan plan)
    {
        _spec = spec;
        _lastReload = plan;
    }
}
