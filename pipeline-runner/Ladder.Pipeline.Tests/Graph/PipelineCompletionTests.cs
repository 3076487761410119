using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Graph;

public sealed class PipelineCompletionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Completion_Should_Complete_When_AnUnpacedFileIsReadToItsEnd_After_EveryTrackDrained()
    {
        using var clip = TestMedia.Cut(2);
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path), [Specs.Rendition("90p", 160, 90)], gopSeconds: 1));

        await run.Pipeline.Completion.WaitAsync(Timeout);

        Assert.Equal(["90p", "audio"], run.Sink.Removed.Order());
        Assert.Equal(48, run.Sink.Packets("90p").Count, tolerance: 1);
        Assert.All(run.Pipeline.GetStatus().Stages, s => Assert.Equal(StageState.Stopped, s.State));
    }

    [Fact]
    public async Task Completion_Should_StayPending_While_AFileLoopsForever_And_Complete_When_Stopped()
    {
        using var clip = TestMedia.Cut(2);
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path, loop: -1), [Specs.Rendition("90p", 160, 90)], gopSeconds: 1));
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.Packets("90p").Count > 96, Timeout), "the looping file did not pass its first loop");

        Assert.False(run.Pipeline.Completion.IsCompleted);
        await run.Pipeline.StopAsync(CancellationToken.None);

        Assert.True(run.Pipeline.Completion.IsCompleted);
        Assert.Equal(["90p", "audio"], run.Sink.Removed.Order());
    }
}
