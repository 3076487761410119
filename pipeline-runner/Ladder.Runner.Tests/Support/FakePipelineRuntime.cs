using System.Diagnostics.Metrics;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Tests.Support;

/// <summary>A media side with no media: a hand-filled origin, a fixed status, a counter on a <c>Ladder.Pipeline</c> meter.</summary>
internal sealed class FakePipelineRuntime(IMeterFactory meters, Exception? startError = null) : IPipelineRuntime
{
    public const string MeterName = "Ladder.Pipeline.Fake";

    private readonly Counter<long> _packets = meters.Create(MeterName).CreateCounter<long>("ladder.pipeline.fake.packets", "{packet}", "Packets the fake pipeline pretends to have encoded.");

    public FakeOriginContent Content { get; } = new();

    public IOriginContent? Origin => Content;

    public bool Stopped { get; private set; }

    public void Start()
    {
        if (startError is not null)
        {
            throw startError;
        }
        _packets.Add(42);
    }

    public PipelineStatus? GetPipelineStatus() => new(
        "default/demo",
        1,
        "local",
        [new StageStatus("ingest", "ingest-1", "ingest", StageState.Running, null, "reading rtmp://0.0.0.0:1935/live/demo", new StageCountersStatus(42, 4200, 0, 0, 30, 1e6, 1, 1.4))],
        []);

    public PackagerStatus? GetPackagerStatus() => new([], 0, 0);

    /// <summary>The spec the runner started with.</summary>
    public PipelineSpec? Initial { get; init; }

    /// <summary>The specs given to <see cref="ApplyAsync"/>, in order.</summary>
    public List<PipelineSpec> Applied { get; } = [];

    /// <summary>The inputs given to <see cref="ActivateInput"/>, in order.</summary>
    public List<string> Activated { get; } = [];

    public Task<ReloadPlan> ApplyAsync(PipelineSpec next, CancellationToken cancellationToken)
    {
        var previous = Applied.Count > 0 ? Applied[^1] : Initial ?? next;
        Applied.Add(next);
        return Task.FromResult(ReloadPlanner.Plan(previous, next) with { AppliedAt = DateTimeOffset.UtcNow });
    }

    public bool ActivateInput(string name)
    {
        Activated.Add(name);
        return name == "local";
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }
}
