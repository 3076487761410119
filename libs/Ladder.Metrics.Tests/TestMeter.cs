using System.Diagnostics.Metrics;

namespace Ladder.Metrics.Tests;

/// <summary>A meter with a unique name and a collector that listens to exactly that meter.</summary>
internal sealed class TestMeter : IDisposable
{
    public TestMeter(Action<PrometheusCollectorOptions>? configure = null)
    {
        Meter = new Meter("Ladder.Tests." + Guid.NewGuid().ToString("N"));
        var options = new PrometheusCollectorOptions().AddMeter(Meter.Name);
        configure?.Invoke(options);
        Collector = new PrometheusCollector(options);
    }

    public Meter Meter { get; }

    public PrometheusCollector Collector { get; }

    public void Dispose()
    {
        Collector.Dispose();
        Meter.Dispose();
    }
}
