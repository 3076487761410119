using Xunit.Abstractions;

namespace Ladder.Runner.Tests.Push;

public sealed class SrtPushTests(ITestOutputHelper output)
{
    private const string Key = "srt-StreamId-Key-0042";

    [Fact]
    public async Task Push_Should_ReachSrtLiveTransmitWithPassphraseAndReconnect_When_TheReceiverIsKilledAndRestarted()
    {
        using var receiver = SrtReceiver.Start(PushRunner.Passphrase);
        await using var runner = await PushRunner.StartAsync(
            $"{{ name: srt-out, url: \"srt://127.0.0.1:{receiver.Port}\", rendition: 180p, streamKey: {{ secretKeyRef: {{ name: push-key, key: streamKey }} }}, " +
            "srt: { latency: 300ms, passphrase: { secretKeyRef: { name: push-key, key: passphrase } } } }", Key);
        var live = await runner.WaitForTargetStateAsync("live", TimeSpan.FromSeconds(30), () => receiver.Log);
        Assert.Equal($"srt://127.0.0.1:{receiver.Port}", live.GetProperty("url").GetString());
        // The log names the URL opened: latency in microseconds, the stream key as the masked streamid.
        Assert.Contains($"srt://127.0.0.1:{receiver.Port}?latency=300000&mode=caller&pkt_size=1316&streamid=****", runner.Process.Output, StringComparison.Ordinal);
        await WaitForBytesAsync(receiver.OutputFile, 100_000, receiver);
        var first = receiver.OutputFile;

        receiver.Stop();
        await PushProbe.AssertRendition180pWithAacAsync(first);
        // SRT notices a dead peer by its keepalive timeout (about 5 s) when nothing answers.
        var lost = await runner.WaitForTargetStateAsync("backingOff", TimeSpan.FromSeconds(20));
        receiver.Restart();
        var again = await runner.WaitForTargetStateAsync("live", TimeSpan.FromSeconds(45), () => receiver.Log);
        await WaitForBytesAsync(receiver.OutputFile, 100_000, receiver);
        output.WriteLine($"lost: {lost.GetProperty("lastError").GetString()}; reconnects {again.GetProperty("reconnects").GetInt64()}");

        Assert.True(again.GetProperty("reconnects").GetInt64() >= 1, again.GetRawText());
        var status = await runner.StatusTextAsync();
        Assert.DoesNotContain(Key, status, StringComparison.Ordinal);
        Assert.DoesNotContain(PushRunner.Passphrase, status, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, runner.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(PushRunner.Passphrase, runner.Process.Output, StringComparison.Ordinal);
        Assert.NotEqual(first, receiver.OutputFile);
        receiver.Stop();
        await PushProbe.AssertRendition180pWithAacAsync(receiver.OutputFile);
    }

    private static async Task WaitForBytesAsync(string file, long bytes, SrtReceiver receiver)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(file) || new FileInfo(file).Length < bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{file} got fewer than {bytes} bytes in 30 s; srt-live-transmit:\n{receiver.Log}");
            await Task.Delay(200);
        }
    }
}
