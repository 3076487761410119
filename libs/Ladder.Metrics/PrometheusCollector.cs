using System.Diagnostics.Metrics;
using System.Text;
using Ladder.Metrics.Collection;
using Ladder.Metrics.Exposition;

namespace Ladder.Metrics;

/// <summary>
/// Collects <see cref="System.Diagnostics.Metrics"/> instruments of the selected meters with a
/// <see cref="MeterListener"/> and renders them in the Prometheus text exposition format 0.0.4.
/// </summary>
/// <remarks>
/// Mapping: Counter/ObservableCounter → <c>counter</c> ending in <c>_total</c>; UpDownCounter,
/// ObservableUpDownCounter, Gauge and ObservableGauge → <c>gauge</c>; Histogram → <c>histogram</c> with
/// cumulative <c>_bucket{le}</c>, <c>_sum</c> and <c>_count</c>. Names follow the OpenTelemetry-to-Prometheus
/// rules (unit appended in words). Recording is lock-free; <see cref="Collect"/> polls observable
/// instruments and takes a snapshot; collections are serialized. Thread-safe.
/// </remarks>
public sealed class PrometheusCollector : IDisposable
{
    private readonly PrometheusCollectorOptions _options;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<InstrumentState>> _families = new(StringComparer.Ordinal);

    /// <summary>Starts listening to the meters <paramref name="options"/> selects, including meters created later.</summary>
    /// <param name="options">Meter selection and histogram buckets; read now and on each instrument publication.</param>
    /// <exception cref="ArgumentException">A configured bucket list is not ascending and finite.</exception>
    public PrometheusCollector(PrometheusCollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, buckets) in options.HistogramBuckets)
        {
            ValidateBuckets(name, buckets);
        }

        _options = options;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<double>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, v, tags, state) => ((InstrumentState)state!).Record((double)v, tags));
        _listener.Start();
    }

    /// <summary>
    /// Polls the observable instruments and renders every family, sorted by name, as exposition text
    /// (UTF-8 when written out with <see cref="ContentType"/>).
    /// </summary>
    /// <returns>The exposition, each line ending in <c>\n</c>; empty when nothing is collected.</returns>
    public string Collect()
    {
        lock (_gate)
        {
            foreach (var state in _families.Values.SelectMany(f => f).Where(s => s.Kind.IsObservable()))
            {
                state.Reset();
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder(4096);
            foreach (var (name, instruments) in _families.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                ExpositionWriter.WriteFamily(output, name, instruments);
            }

            return output.ToString();
        }
    }

    /// <summary>The HTTP content type of <see cref="Collect"/>'s output: <c>text/plain; version=0.0.4; charset=utf-8</c>.</summary>
    public static string ContentType => PrometheusText.ContentType;

    /// <summary>Stops listening; later measurements are ignored.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_options.Matches(instrument.Meter.Name) || InstrumentKinds.Classify(instrument) is not { } kind)
        {
            return;
        }

        var familyName = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind);
        var buckets = kind == InstrumentKind.Histogram ? BucketsFor(instrument) : null;
        var state = new InstrumentState(instrument, kind, familyName, buckets);
        lock (_gate)
        {
            if (_families.TryGetValue(familyName, out var family))
            {
                var existing = family[0];
                var compatible = existing.Kind.PrometheusType() == kind.PrometheusType()
                    && (buckets is null || existing.Buckets!.AsSpan().SequenceEqual(buckets));
                if (!compatible)
                {
                    return;
                }

                family.Add(state);
            }
            else
            {
                _families[familyName] = [state];
            }
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        lock (_gate)
        {
            var instrumentState = (InstrumentState)state!;
            if (_families.TryGetValue(instrumentState.FamilyName, out var family) && family.Remove(instrumentState) && family.Count == 0)
            {
                _families.Remove(instrumentState.FamilyName);
            }
        }
    }

    private double[] BucketsFor(Instrument instrument)
    {
        if (_options.HistogramBuckets.TryGetValue(instrument.Name, out var configured))
        {
            return [.. configured];
        }

        if (InstrumentKinds.AdvisedBuckets(instrument) is { Count: > 0 } advised && AreValid(advised))
        {
            return [.. advised];
        }

        return [.. PrometheusCollectorOptions.DefaultHistogramBuckets];
    }

    private static void ValidateBuckets(string instrumentName, IReadOnlyList<double> buckets)
    {
        if (!AreValid(buckets))
        {
            throw new ArgumentException(
                $"Histogram buckets for instrument '{instrumentName}' must be finite and strictly ascending, got [{string.Join(", ", buckets)}]; the +Inf bucket is added automatically.",
                nameof(buckets));
        }
    }

    private static bool AreValid(IReadOnlyList<double> buckets)
    {
        for (var i = 0; i < buckets.Count; i++)
        {
            if (!double.IsFinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
