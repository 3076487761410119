namespace Ladder.Metrics;

/// <summary>
/// Which meters a <see cref="PrometheusCollector"/> listens to and how it buckets histograms.
/// </summary>
public sealed class PrometheusCollectorOptions
{
    /// <summary>Meter names collected exactly, e.g. <c>Ladder.ControllerRuntime</c> (ordinal comparison).</summary>
    public ICollection<string> MeterNames { get; } = new List<string>();

    /// <summary>Meter name prefixes collected, e.g. <c>Ladder.</c> collects every meter whose name starts with it.</summary>
    public ICollection<string> MeterNamePrefixes { get; } = new List<string>();

    /// <summary>
    /// Histogram bucket upper bounds by instrument name, ascending and finite (the <c>+Inf</c> bucket is implicit).
    /// An instrument not listed here uses its <c>InstrumentAdvice</c> boundaries, else <see cref="DefaultHistogramBuckets"/>.
    /// </summary>
    public IDictionary<string, IReadOnlyList<double>> HistogramBuckets { get; } = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);

    /// <summary>The Prometheus client libraries' default buckets (seconds): 5 ms to 10 s.</summary>
    public static IReadOnlyList<double> DefaultHistogramBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Adds an exact meter name; returns this instance for chaining.</summary>
    /// <param name="meterName">The meter's name as given to <c>new Meter(name)</c> or <c>IMeterFactory.Create</c>.</param>
    public PrometheusCollectorOptions AddMeter(string meterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterName);
        MeterNames.Add(meterName);
        return this;
    }

    /// <summary>Adds a meter name prefix; returns this instance for chaining.</summary>
    /// <param name="prefix">Every meter whose name starts with this (ordinal) is collected.</param>
    public PrometheusCollectorOptions AddMeterPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        MeterNamePrefixes.Add(prefix);
        return this;
    }

    internal bool Matches(string meterName) =>
        MeterNames.Contains(meterName) || MeterNamePrefixes.Any(p => meterName.StartsWith(p, StringComparison.Ordinal));
}
