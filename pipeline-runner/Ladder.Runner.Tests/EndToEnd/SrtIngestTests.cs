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

    [Fact]
    public async Task Runner_Should_ShowAPassphraseRefusalWithoutThePassphrase_When_TheSenderUsesAnotherOne()
    {
        const string passphrase = "e2e-srt-passphrase-51c2";
        const string wrong = "e2e-wrong-passphrase-8e0a";
        var port = FreePort.Udp();
        await using var runner = await RunnerProcess.StartAsync(
            [$"{{ name: main, url: \"srt://127.0.0.1:{port}\", mode: listen, srt: {{ passphrase: {{ secretKeyRef: {{ name: srt-secret, key: passphrase }} }} }} }}"],
            "{ inputTimeout: 2s }",
            $$"""
            apiVersion: v1
            kind: Secret
            metadata: { name: srt-secret }
            stringData: { passphrase: "{{passphrase}}" }
            """);

        using (Pusher.MpegTs($"srt://127.0.0.1:{port}?mode=caller&latency=200000&passphrase={wrong}", seconds: 4))
        {
            await runner.WaitForIngestAsync(
                i => i.GetProperty("error").GetString()?.Contains("the sender is using a different SRT passphrase", StringComparison.Ordinal) == true,
                TimeSpan.FromSeconds(20),
                "refused");
            Assert.Equal(0, await runner.SegmentsPublishedAsync("180p"));
        }

        using var sender = Pusher.MpegTs($"srt://127.0.0.1:{port}?mode=caller&latency=200000&passphrase={passphrase}", seconds: null);
        await runner.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60));
        var shown = runner.Process.Output + await runner.Http.GetStringAsync("/v1/status") + await runner.Http.GetStringAsync("/metrics");
        Assert.DoesNotContain(passphrase, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, shown, StringComparison.Ordinal);
    }
}
