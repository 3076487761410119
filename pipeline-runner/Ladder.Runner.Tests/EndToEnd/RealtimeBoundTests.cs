using System.Diagnostics;
using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// A real <c>ladder-runner</c> on inputs whose timestamps lie: its output never runs ahead of the wall clock and never
/// stalls on a forward jump, and SIGTERM ends it within 5 s with a clean log whatever it is reading.
/// </summary>
public sealed class RealtimeBoundTests(ITestOutputHelper output) : IDisposable
{
    private readonly BadMedia _media = new();

    public void Dispose() => _media.Dispose();

    public static TheoryData<string> Inputs => ["corrupt-bytes-0.1pct", "pts-jump-1h", "pts-jumps-4s-every-second"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Runner_Should_ExitCleanlyWithin5s_When_SigtermWhileReadingBadTimestamps(string input)
    {
        var path = await MakeAsync(input);
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{path}\", options: {{ stream_loop: \"-1\" }} }}");
        await runner.WaitForIngestAsync(i => i.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(30), "running");
        await Task.Delay(TimeSpan.FromSeconds(4));

        var stopwatch = Stopwatch.StartNew();
        var code = await runner.StopAsync();
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{input}: exit took {stopwatch.Elapsed.TotalSeconds:0.0} s\n{runner.Process.Output}");
        Assert.Equal(0, code);
        var afterStop = runner.Process.Output[runner.Process.Output.IndexOf("Application is shutting down", StringComparison.Ordinal)..];
        Assert.DoesNotContain("fail: Ladder", afterStop, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", afterStop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_Should_KeepOutputAtRealTime_When_TimestampsJumpForwardEverySecond()
    {
        var path = await MakeAsync("pts-jumps-4s-every-second");
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{path}\", options: {{ stream_loop: \"-1\" }} }}");
        await runner.WaitForIngestAsync(i => i.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(30), "running");
        var started = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(12));

        var stages = (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("counters"));
        var outputSeconds = stages["ingest"].GetProperty("mediaSeconds").GetDouble();
        var decodedFrames = stages["decode/video"].GetProperty("items").GetInt64();

        // 4 s of timestamps per second of pictures: taken at face value the timeline would run 5x ahead, or stall 4 s of every 5 when paced.
        Assert.True(outputSeconds <= started.Elapsed.TotalSeconds + 4, $"output timeline at {outputSeconds:0.0} s after {started.Elapsed.TotalSeconds:0.0} s of wall time");
        Assert.True(decodedFrames >= 120, $"only {decodedFrames} frames decoded in 12 s of a 24 fps input: the input stalled at the jumps");
    }

    [Fact]
    public async Task Runner_Should_HoldALiveInputToRealTime_When_TheSenderPushesFasterThanRealTime()
    {
        var url = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/burst";
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{url}\", mode: listen }}");
        using var pusher = Pusher.Rtmp(url, seconds: null, realtime: false);
        await runner.WaitForIngestAsync(i => i.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(30), "running");
        var started = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(12));

        var ingest = (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "ingest");
        var outputSeconds = ingest.GetProperty("counters").GetProperty("mediaSeconds").GetDouble();
        output.WriteLine($"unpaced RTMP sender: output timeline at {outputSeconds:0.0} s after {started.Elapsed.TotalSeconds:0.0} s of wall time");

        // Unpaced, ffmpeg copies a 720p24 clip at hundreds of seconds of media per second; the live input may lead the wall clock by 3 s.
        Assert.True(outputSeconds <= started.Elapsed.TotalSeconds + 3 + 2, $"output timeline at {outputSeconds:0.0} s after {started.Elapsed.TotalSeconds:0.0} s of wall time");
        Assert.True(outputSeconds >= started.Elapsed.TotalSeconds - 4, $"output timeline at {outputSeconds:0.0} s after {started.Elapsed.TotalSeconds:0.0} s of wall time: the held-back sender starved the output");
        Assert.Equal("running", ingest.GetProperty("state").GetString());
    }

    private Task<string> MakeAsync(string input) => input switch
    {
        "corrupt-bytes-0.1pct" => CorruptAsync(),
        "pts-jump-1h" => JumpAsync(),
        _ => _media.ClipAsync("jumps.ts", 12, filters: "setpts=PTS+4*floor(T)/TB", audioFilters: "asetpts=PTS+4*floor(T)/TB"),
    };

    private async Task<string> CorruptAsync() => _media.Corrupt(await _media.ClipAsync("clean.ts", 12), "corrupt.ts", 0.001, seed: 3);

    private async Task<string> JumpAsync()
    {
        var before = await _media.ClipAsync("before.ts", 4);
        var after = await _media.ClipAsync("after.ts", 8, extra: ["-output_ts_offset", "3600"]);
        return _media.Concat("jump.ts", before, after);
    }
}
