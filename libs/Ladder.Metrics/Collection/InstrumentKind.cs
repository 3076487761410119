namespace Ladder.Metrics.Collection;

/// <summary>How an instrument's measurements are folded and which Prometheus type they expose as.</summary>
internal enum InstrumentKind
{
    /// <summary>Counter: deltas added, exposed as <c>counter</c>.</summary>
    Counter,

    /// <summary>ObservableCounter: cumulative totals set, exposed as <c>counter</c>.</summary>
    ObservableCounter,

    /// <summary>UpDownCounter: deltas added, exposed as <c>gauge</c>.</summary>
    UpDownCounter,

    /// <summary>ObservableUpDownCounter: cumulative values set, exposed as <c>gauge</c>.</summary>
    ObservableUpDownCounter,

    /// <summary>Gauge: last value set, exposed as <c>gauge</c>.</summary>
    Gauge,

    /// <summary>ObservableGauge: last value set, exposed as <c>gauge</c>.</summary>
    ObservableGauge,

    /// <summary>Histogram: bucketed, exposed as <c>histogram</c>.</summary>
    Histogram,
}
