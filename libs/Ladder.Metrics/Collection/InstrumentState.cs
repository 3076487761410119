using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ladder.Metrics.Collection;

/// <summary>
/// The series of one published instrument. Recording is lock-free: a concurrent dictionary lookup by label
/// text, then an atomic add/set or an interlocked bucket increment.
/// </summary>
internal sealed class InstrumentState
{
    private ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    public InstrumentState(Instrument instrument, InstrumentKind kind, string familyName, double[]? buckets)
    {
        Instrument = instrument;
        Kind = kind;
        FamilyName = familyName;
        Buckets = buckets;
    }

    /// <summary>The instrument whose measurements land here.</summary>
    public Instrument Instrument { get; }

    /// <summary>How measurements fold.</summary>
    public InstrumentKind Kind { get; }

    /// <summary>The Prometheus metric family name.</summary>
    public string FamilyName { get; }

    /// <summary>Finite histogram upper bounds, ascending; null for scalar instruments.</summary>
    public double[]? Buckets { get; }

    /// <summary>The current series; a point-in-time enumeration is safe while recording goes on.</summary>
    public ICollection<Series> Series => _series.Values;

    /// <summary>Folds one measurement into the series of its tags.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelSet.Render(tags);
        if (!_series.TryGetValue(labels, out var series))
        {
            series = _series.GetOrAdd(labels, static (l, b) => new Series(l, b is null ? 0 : b.Length + 1), Buckets);
        }

        if (Buckets is { } bounds)
        {
            var index = Array.BinarySearch(bounds, value);
            Interlocked.Increment(ref series.BucketCounts![index >= 0 ? index : ~index]);
            series.Value.Add(value);
        }
        else if (Kind.Sets())
        {
            series.Value.Set(value);
        }
        else
        {
            series.Value.Add(value);
        }
    }

    /// <summary>Drops every series; observable instruments call this before each collection so vanished series disappear.</summary>
    public void Reset() => _series = new ConcurrentDictionary<string, Series>(StringComparer.Ordinal);
}
