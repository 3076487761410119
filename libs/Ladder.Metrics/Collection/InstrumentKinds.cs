using System.Diagnostics.Metrics;

namespace Ladder.Metrics.Collection;

/// <summary>Classifies <see cref="Instrument"/> types into <see cref="InstrumentKind"/>.</summary>
internal static class InstrumentKinds
{
    private static readonly Dictionary<Type, InstrumentKind> ByGenericDefinition = new()
    {
        [typeof(Counter<>)] = InstrumentKind.Counter,
        [typeof(ObservableCounter<>)] = InstrumentKind.ObservableCounter,
        [typeof(UpDownCounter<>)] = InstrumentKind.UpDownCounter,
        [typeof(ObservableUpDownCounter<>)] = InstrumentKind.ObservableUpDownCounter,
        [typeof(Gauge<>)] = InstrumentKind.Gauge,
        [typeof(ObservableGauge<>)] = InstrumentKind.ObservableGauge,
        [typeof(Histogram<>)] = InstrumentKind.Histogram,
    };

    /// <summary>The kind of <paramref name="instrument"/>, or null for a type this collector does not know.</summary>
    public static InstrumentKind? Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && ByGenericDefinition.TryGetValue(type.GetGenericTypeDefinition(), out var kind) ? kind : null;
    }

    /// <summary>True when measurements are totals to set rather than deltas to add.</summary>
    public static bool Sets(this InstrumentKind kind) =>
        kind is InstrumentKind.ObservableCounter or InstrumentKind.ObservableUpDownCounter or InstrumentKind.Gauge or InstrumentKind.ObservableGauge;

    /// <summary>True for instruments whose values are pulled at collection time.</summary>
    public static bool IsObservable(this InstrumentKind kind) =>
        kind is InstrumentKind.ObservableCounter or InstrumentKind.ObservableUpDownCounter or InstrumentKind.ObservableGauge;

    /// <summary>The Prometheus metric type name: <c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public static string PrometheusType(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Counter or InstrumentKind.ObservableCounter => "counter",
        InstrumentKind.Histogram => "histogram",
        _ => "gauge",
    };

    /// <summary>The <c>InstrumentAdvice</c> histogram boundaries of <paramref name="instrument"/>, if any.</summary>
    public static IReadOnlyList<double>? AdvisedBuckets(Instrument instrument) => instrument switch
    {
        Instrument<double> i => i.Advice?.HistogramBucketBoundaries?.ToArray(),
        Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };
}
