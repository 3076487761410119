using Prometheus;

namespace Ladder.Pipeline.Metrics;

/// <summary>
/// Writes values read from live objects at scrape time into prometheus-net counters and gauges, and removes every series
/// this writer set on an earlier scrape but not on this one (a stage stopped by a reload, a push target removed), so a
/// scrape never shows an object that is gone. Not thread-safe: call it from one registry callback at a time.
/// </summary>
internal sealed class ScrapedSeries
{
    private Dictionary<(Collector Family, string Key), Action> _previous = [];
    private Dictionary<(Collector Family, string Key), Action> _current = [];

    /// <summary>
    /// Sets the counter series <paramref name="labels"/> to <paramref name="total"/>, the object's own running total;
    /// a total lower than the series' value (the object restarted from zero) starts the series anew, which Prometheus'
    /// <c>rate</c> reads as a counter reset.
    /// </summary>
    public void Counter(Counter family, double total, params string[] labels)
    {
        var child = family.WithLabels(labels);
        if (total < child.Value)
        {
            family.RemoveLabelled(labels);
            child = family.WithLabels(labels);
        }

        child.IncTo(total);
        Seen(family, labels, () => family.RemoveLabelled(labels));
    }

    /// <summary>Sets the gauge series <paramref name="labels"/> to <paramref name="value"/>.</summary>
    public void Gauge(Gauge family, double value, params string[] labels)
    {
        family.WithLabels(labels).Set(value);
        Seen(family, labels, () => family.RemoveLabelled(labels));
    }

    /// <summary>Ends a scrape: removes the series set on the previous scrape and not on this one.</summary>
    public void Flush()
    {
        foreach (var (key, remove) in _previous)
        {
            if (!_current.ContainsKey(key))
            {
                remove();
            }
        }

        (_previous, _current) = (_current, _previous);
        _current.Clear();
    }

    private void Seen(Collector family, string[] labels, Action remove) =>
        _current[(family, string.Join('\u001f', labels))] = remove;
}
