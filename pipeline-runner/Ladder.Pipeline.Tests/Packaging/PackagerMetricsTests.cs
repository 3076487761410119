using System.Diagnostics.Metrics;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class PackagerMetricsTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public void Instruments_Should_ReportPerTrackSegmentsAndBytes_When_SegmentsArePublished()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new PackagerMetrics(services.GetRequiredService<IMeterFactory>());
        var measured = new Dictionary<(string Instrument, string Track), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PackagerMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured[(instrument.Name, (string)tags[0].Value!)] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured[(instrument.Name, (string)tags[0].Value!)] = value);
        listener.Start();

        using var packager = new LivePackager(PackagerSpecs.Create(2, 3, dash: false, "high"), new MediaTimeline(DateTimeOffset.UtcNow), metrics: metrics);
        using var published = new CountdownEvent(3);
        packager.SegmentPublished += (_, _) => published.Signal();
        packager.AddTrack(media.High.Track);
        foreach (var packet in media.High.Packets)
        {
            packager.Write(packet);
        }

        packager.RemoveTrack("high");
        Assert.True(published.Wait(TimeSpan.FromSeconds(30)), "the three segments were not published");
        listener.RecordObservableInstruments();
        var status = Assert.Single(packager.GetStatus().Tracks);
        Assert.Equal(3, measured[("ladder_packager_segments_total", "high")]);
        Assert.Equal(status.BytesPublished, measured[("ladder_packager_segment_bytes_total", "high")]);
        Assert.Equal(0, measured[("ladder_packager_dropped_packets_total", "high")]);
        Assert.Equal(0, measured[("ladder_packager_failures_total", "high")]);
        Assert.Equal(0, measured[("ladder_packager_overlong_segments_total", "high")]);
        Assert.Equal(2.0, measured[("ladder_packager_last_segment_duration", "high")], 3);
    }
}
