using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Ingest;

public sealed class BrokenFileTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TruncatedFile_Should_ShowTheOpenError_And_RecoverWhenTheFileIsWhole()
    {
        using var clip = TestMedia.Cut(2);
        var whole = await File.ReadAllBytesAsync(clip.Path);
        await File.WriteAllBytesAsync(clip.Path, whole.AsMemory(0, whole.Length / 2)); // the moov box at the end is gone
        await using var run = PipelineRun.Start(Specs.Create(Specs.File(clip.Path), [Specs.Rendition("90p", 160, 90)]));

        var failing = run.WaitForState("ingest/main", StageState.Reconnecting, Timeout);
        Assert.Contains("input 'main': the file ends before its index (moov atom): it was cut while being written", failing.Error, StringComparison.Ordinal);
        Assert.Contains("(technical: avformat_open_input", failing.Error, StringComparison.Ordinal);
        Assert.Contains("reopening input 'main'", failing.Detail, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(clip.Path, whole);
        run.WaitForEnd(tracks: 2, Timeout);
        Assert.Equal(48, run.Sink.Packets("90p").Count, tolerance: 1);
    }
}
