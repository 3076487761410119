using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

public sealed class SrtIngestTests
{
    [Fact]
    public async Task Ladder_Should_BeKeyframeAlignedWithAudio_When_FfmpegPushesSrt()
    {
        var port = FreePort.Udp();
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"srt://127.0.0.1:{port}\", mode: listen }}");
        using var pusher = Pusher.MpegTs($"srt://127.0.0.1:{port}?mode=caller&latency=200000", seconds: 8);

        await runner.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(60));
        await LadderProbe.AssertLadderAsync(runner, skipLast: true);
        Assert.Equal(0, await runner.StopAsync());
    }
}
