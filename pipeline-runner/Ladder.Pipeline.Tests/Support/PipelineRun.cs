using Ladder.Api.Pipeline;
using Ladder.Pipeline.Graph;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Metrics;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Ladder.Pipeline.Tests.Support;

/// <summary>A started <see cref="LivePipeline"/> with a <see cref="CollectingSink"/> and its own metrics registry.</summary>
internal sealed class PipelineRun : IAsyncDisposable
{
    private PipelineRun(PipelineSpec spec)
    {
        Pipeline = LivePipeline.Start(spec, Sink, new MediaTimeline(DateTimeOffset.UtcNow), NullLoggerFactory.Instance, new PipelineMetrics(Metrics));
    }

    public CollectingSink Sink { get; } = new();

    public CollectorRegistry Metrics { get; } = Prometheus.Metrics.NewCustomRegistry();

    public LivePipeline Pipeline { get; }

    public static PipelineRun Start(PipelineSpec spec) => new(spec);

    /// <summary>The status of stage <paramref name="id"/>.</summary>
    public StageStatus Stage(string id) => Pipeline.GetStatus().Stages.Single(s => s.Id == id);

    /// <summary>Waits until a non-looping file input has been read to its end and every track was removed (the pipeline drained by itself).</summary>
    public void WaitForEnd(int tracks, TimeSpan timeout) =>
        Assert.True(
            CollectingSink.WaitUntil(() => Sink.Removed.Count == tracks, timeout),
            $"the pipeline did not drain within {timeout}: {System.Text.Json.JsonSerializer.Serialize(Pipeline.GetStatus())}");

    /// <summary>Waits until stage <paramref name="id"/> is in <paramref name="state"/>.</summary>
    public StageStatus WaitForState(string id, StageState state, TimeSpan timeout)
    {
        Assert.True(
            CollectingSink.WaitUntil(() => Stage(id).State == state, timeout),
            $"{id} did not reach {state} within {timeout}: {System.Text.Json.JsonSerializer.Serialize(Stage(id))}");
        return Stage(id);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
    }
}
