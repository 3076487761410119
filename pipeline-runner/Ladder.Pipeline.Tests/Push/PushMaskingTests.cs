using Ladder.Pipeline.Push;
using Ladder.Pipeline.Tests.Packaging;
using Ladder.TestSupport;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushMaskingTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    private const string Key = "live_1234_SeCrEtKeY";

    [Fact]
    public void Status_Should_MaskTheKeyInUrlAndError_When_TheConnectionIsRefused()
    {
        var logs = new CollectingLoggerFactory();
        using var outputs = new PushOutputs("ns/s", [PushTargets.Refused("yt", "high", Key)], PushTargets.Fast, null, logs);
        outputs.AddTrack(media.High.Track);

        PushTargets.WaitFor(() => outputs.GetStatus()[0] is { State: PushState.BackingOff, LastError: not null }, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());
        PushTargets.WaitFor(() => logs.Lines.Any(l => l.Contains("/live/****", StringComparison.Ordinal)), TimeSpan.FromSeconds(5), () => string.Join("\n", logs.Lines));
        var status = outputs.GetStatus()[0];

        Assert.Contains("****", status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, status.LastError, StringComparison.Ordinal);
        Assert.EndsWith("/live/****", status.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, status.ToString(), StringComparison.Ordinal);
        Assert.NotNull(status.NextAttemptAt);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Key, l, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("/live/****", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_Should_LabelByTargetNameAndState_When_ADestinationBacksOff()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var outputs = new PushOutputs("ns/s", [PushTargets.Refused("yt", "high", Key)], PushTargets.Fast, new PushMetrics(registry));
        outputs.AddTrack(media.High.Track);
        PushTargets.WaitFor(() => outputs.GetStatus()[0].Reconnects >= 1, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());

        var scrape = await PrometheusSamples.ScrapeAsync(registry);
        outputs.Dispose();
        var afterDispose = await PrometheusSamples.ScrapeAsync(registry);

        Assert.True(scrape.Value("ladder_push_reconnects_total", ("stream", "ns/s"), ("target", "yt")) >= 1);
        Assert.Equal(0, scrape.Value("ladder_push_bytes_total", ("target", "yt")));
        Assert.Equal(0, scrape.Value("ladder_push_dropped_packets_total", ("target", "yt")));
        var states = new[] { "connecting", "live", "backingOff", "stopped" }
            .Sum(s => scrape.Value("ladder_push_state", ("target", "yt"), ("state", s)));
        Assert.Equal(1, states);
        Assert.Empty(afterDispose.Of("ladder_push_state")); // a push output that is gone leaves the scrape
    }
}
