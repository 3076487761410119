using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ladder.Pipeline.Tests.Support;

/// <summary>
/// An <see cref="IMeterFactory"/> whose meters carry it as scope, and a <see cref="MeterListener"/> that records only
/// those meters' measurements (observable instruments when <see cref="Collect"/> is called), so parallel tests do not
/// see each other's.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentQueue<Meter> _meters = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public TestMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Enqueue(meter);
        return meter;
    }

    /// <summary>Reads every observable instrument now.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    /// <summary>The values recorded on <paramref name="instrument"/> whose tags include all of <paramref name="tags"/>, in order.</summary>
    public IReadOnlyList<double> Values(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))))
            .Select(m => m.Value).ToList();

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
