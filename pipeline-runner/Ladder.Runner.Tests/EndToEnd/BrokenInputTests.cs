using System.Net;
using System.Net.Sockets;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

public sealed class BrokenInputTests
{
    [Fact]
    public async Task Runner_Should_ReportErrorAndRecover_When_UdpInputGetsGarbageThenMpegTs()
    {
        var port = FreePort.Udp();
        await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"udp://127.0.0.1:{port}\", mode: listen }}");
        using (var udp = new UdpClient())
        {
            var garbage = new byte[1316];
            for (var i = 0; i < 400; i++)
            {
                Random.Shared.NextBytes(garbage);
                await udp.SendAsync(garbage, new IPEndPoint(IPAddress.Loopback, port));
                await Task.Delay(10);
            }
        }

        var ingest = await runner.IngestAsync();
        Assert.NotEqual("running", ingest.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await runner.StatusAsync()).GetProperty("pipeline").GetProperty("activeInput").ValueKind);
        using (var health = await runner.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        Assert.Equal(0, await runner.SegmentsPublishedAsync("180p"));

        using var pusher = Pusher.MpegTs($"udp://127.0.0.1:{port}?pkt_size=1316", seconds: 10);
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Runner_Should_ReportErrorAndRecover_When_FileInputTruncatedThenRestored()
    {
        var dir = Directory.CreateTempSubdirectory("ladder-truncated-").FullName;
        try
        {
            // A 6 s copy of the clip with its index (moov) at the end, then cut in half: no decoder can open it.
            var whole = Path.Combine(dir, "whole.mp4");
            await ExternalProcess.RunAsync(TimeSpan.FromSeconds(60), "ffmpeg", "-nostdin", "-v", "error", "-t", "6", "-i", Pusher.Clip, "-c", "copy", whole);
            var input = Path.Combine(dir, "input.mp4");
            var bytes = await File.ReadAllBytesAsync(whole);
            await File.WriteAllBytesAsync(input, bytes[..(bytes.Length / 2)]);
            await using var runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"file://{input}\", options: {{ stream_loop: \"-1\" }} }}");

            var failed = await runner.WaitForIngestAsync(i => i.GetProperty("error").GetString() is { Length: > 0 }, TimeSpan.FromSeconds(20), "in error");
            Assert.NotEqual("running", failed.GetProperty("state").GetString());
            using (var health = await runner.Http.GetAsync("/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            File.Copy(whole, input, overwrite: true);
            await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
