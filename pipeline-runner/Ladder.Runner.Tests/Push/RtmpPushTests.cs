using System.Diagnostics;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Push;

public sealed class RtmpPushTests(ITestOutputHelper output)
{
    private const string Key = "e2e-SeCrEt-key-4711";

    [Fact]
    public async Task Push_Should_ReachNginxAndReconnectByItselfWithoutStallingHls_When_NginxIsDownFor10Seconds()
    {
        using var nginx = await NginxRtmpServer.StartAsync();
        await using var runner = await PushRunner.StartAsync(
            $"{{ name: nginx, url: \"rtmp://127.0.0.1:{nginx.Port}/live\", rendition: 180p, streamKey: {{ secretKeyRef: {{ name: push-key, key: streamKey }} }} }}", Key);
        var live = await runner.WaitForTargetStateAsync("live", TimeSpan.FromSeconds(30), () => nginx.Log);
        Assert.Equal($"rtmp://127.0.0.1:{nginx.Port}/live/****", live.GetProperty("url").GetString());

        await PushProbe.AssertRendition180pWithAacAsync($"rtmp://127.0.0.1:{nginx.Port}/live/{Key}");
        Assert.DoesNotContain(Key, await runner.StatusTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, await runner.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Contains("ladder_push_bytes_total{", await runner.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);

        await using (var hls = new HlsWatch(runner))
        {
            var before = await runner.NextSegmentAsync();
            nginx.Stop();
            var backingOff = await runner.WaitForTargetStateAsync("backingOff", TimeSpan.FromSeconds(10));
            Assert.False(string.IsNullOrEmpty(backingOff.GetProperty("lastError").GetString()));
            await Task.Delay(TimeSpan.FromSeconds(10));
            var duringOutage = await runner.NextSegmentAsync();

            await nginx.StartAsync(TimeSpan.FromSeconds(10));
            var restarted = Stopwatch.StartNew();
            var again = await runner.WaitForTargetStateAsync("live", TimeSpan.FromSeconds(45), () => nginx.Log);
            output.WriteLine($"reconnected {restarted.Elapsed.TotalSeconds:F1} s after nginx restarted; reconnects {again.GetProperty("reconnects").GetInt64()}; " +
                $"HLS segments {before} -> {duringOutage} during the outage; longest HLS stall {hls.LongestStall.TotalSeconds:F1} s; last error: {backingOff.GetProperty("lastError").GetString()}");

            Assert.True(again.GetProperty("reconnects").GetInt64() >= 1, again.GetRawText());
            Assert.True(duringOutage >= before + 3, $"HLS published {duringOutage - before} segments in the 10 s outage");
            Assert.True(hls.LongestStall < TimeSpan.FromSeconds(5), $"HLS stalled for {hls.LongestStall.TotalSeconds:F1} s");
            Assert.DoesNotContain(Key, backingOff.GetProperty("lastError").GetString()!, StringComparison.Ordinal);
        }

        await PushProbe.AssertRendition180pWithAacAsync($"rtmp://127.0.0.1:{nginx.Port}/live/{Key}");
        Assert.DoesNotContain(Key, runner.Process.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(nginx.RecordPath, "*.flv"));
    }
}
