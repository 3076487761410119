using System.Diagnostics.Metrics;
using Ladder.Pipeline.Packaging;
using Ladder.Pipeline.Publishing;
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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }
}
