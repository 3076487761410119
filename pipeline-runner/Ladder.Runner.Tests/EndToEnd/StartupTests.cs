using System.Text.Json;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// A real <c>ladder-runner</c> starting on a live RTMP input: the pipeline's own warm-up (codec open, JIT, the packets
/// buffered while the input's streams were probed arriving at once) costs no picture.
/// </summary>
public sealed class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pipeline_Should_DropNoFrameOrPacket_When_StartingOnALiveInput()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/startup";
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{url}\", mode: listen }}");
        using var pusher = Pusher.Rtmp(url, seconds: null);
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));

        var stages = (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("stages").EnumerateArray().ToList();
        output.WriteLine(string.Join(", ", stages.Select(s => $"{s.GetProperty("id").GetString()}: {Dropped(s)} dropped of {s.GetProperty("counters").GetProperty("items").GetInt64()}")));
        Assert.All(stages, s => Assert.True(Dropped(s) == 0, $"{s.GetProperty("id").GetString()} dropped {Dropped(s)} items while starting: {s.GetRawText()}"));
    }

    private static long Dropped(JsonElement stage) => stage.GetProperty("counters").GetProperty("dropped").GetInt64();
}
