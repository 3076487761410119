using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Reload;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Ladder.Runner.Pipeline;
using Prometheus;

namespace Ladder.Runner.Tests.Support;

/// <summary>A media side with no media: a hand-filled origin, a fixed status, a counter on the runner's registry.</summary>
internal sealed class FakePipelineRuntime(CollectorRegistry metrics, Exception? startError = null) : IPipelineRuntime
{
    private readonly Counter _packets = Prometheus.Metrics.WithCustomRegistry(metrics).CreateCounter("ladder_pipeline_fake_packets_total", "Packets the fake pipeline pretends to have encoded.");

    public FakeOriginContent Content { get; } = new();

    public IOriginContent? Origin => Content;

    public bool Stopped { get; private set; }

    public void Start()
    {
        if (startError is not null)
        {
            throw startError;
        }
        _packets.Inc(42);
    }

    public PipelineStatus? GetPipelineStatus() => new(
        "default/demo",
        1,
        "local",
        [new StageStatus("ingest", "ingest-1", "ingest", StageState.Running, null, "reading rtmp://0.0.0.0:1935/live/demo", new StageCountersStatus(42, 4200, 0, 0, 30, 1e6, 1, 1.4))],
        [new Ladder.Pipeline.Status.TrackStatus("360p", false, "h264", 640, 360, 30, 42, 1, MeasuredBitrate, 1.4)]);

    /// <summary>The bits per second the 360p track measures now; a test changes it to move a measurement only.</summary>
    public double MeasuredBitrate { get; set; } = 1_150_000;

    /// <summary>What <see cref="GetPackagerStatus"/> answers: no track unless a test sets some.</summary>
    public PackagerStatus Packager { get; set; } = new([], 0, 0);

    public PackagerStatus? GetPackagerStatus() => Packager;

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
