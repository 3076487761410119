using System.Diagnostics.Metrics;

namespace Ladder.Bench.Failover;

/// <summary>Meters nobody listens to, as in a runner nobody scrapes.</summary>
internal sealed class BenchMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    /// <inheritdoc />
    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
