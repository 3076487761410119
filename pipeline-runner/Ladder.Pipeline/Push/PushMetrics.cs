using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ladder.Pipeline.Push;

/// <summary>
/// Owns the push outputs' instruments on the meter <see cref="MeterName"/>, observed from
/// <see cref="PushOutputs.GetStatus"/>, labelled <c>stream</c> and <c>target</c> (the target's name, never its URL):
/// <c>ladder_push_bytes_total</c> (compressed media bytes written), <c>ladder_push_packets_total</c>,
/// <c>ladder_push_dropped_packets_total</c> (queue full), <c>ladder_push_reconnects_total</c>,
/// <c>ladder_push_uptime_seconds</c> (current connection, 0 when not live) and <c>ladder_push_state</c>
/// (1 for the destination's current <c>state</c> label: connecting, live, backingOff, stopped; 0 for the others).
/// </summary>
public sealed class PushMetrics
{
    /// <summary>The meter name (matched by the runner's <c>Ladder.Pipeline</c> prefix).</summary>
    public const string MeterName = "Ladder.Pipeline.Push";

    private static readonly (PushState State, string Label)[] s_states =
        [(PushState.Connecting, "connecting"), (PushState.Live, "live"), (PushState.BackingOff, "backingOff"), (PushState.Stopped, "stopped")];

    private readonly ConcurrentDictionary<PushOutputs, byte> _outputs = new();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public PushMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("ladder_push_bytes_total", () => Measure(s => s.Bytes), "By", "Compressed media bytes written to each push target.");
        meter.CreateObservableCounter("ladder_push_packets_total", () => Measure(s => s.Packets), description: "Packets written to each push target.");
        meter.CreateObservableCounter("ladder_push_dropped_packets_total", () => Measure(s => s.DroppedPackets), description: "Packets dropped because the push target's queue was full.");
        meter.CreateObservableCounter("ladder_push_reconnects_total", () => Measure(s => s.Reconnects), description: "Connection attempts to each push target after the first.");
        meter.CreateObservableGauge("ladder_push_uptime_seconds", () => Measure(s => s.UptimeSeconds), "s", "Seconds the push target's current connection has been live.");
        meter.CreateObservableGauge("ladder_push_state", MeasureState, description: "1 for the push target's current state label, 0 for the others.");
    }

    /// <summary>Starts observing <paramref name="outputs"/>.</summary>
    internal void Attach(PushOutputs outputs) => _outputs.TryAdd(outputs, 0);

    /// <summary>Stops observing <paramref name="outputs"/>.</summary>
    internal void Detach(PushOutputs outputs) => _outputs.TryRemove(outputs, out _);

    private IEnumerable<Measurement<T>> Measure<T>(Func<PushDestinationStatus, T> pick)
        where T : struct =>
        _outputs.Keys.SelectMany(o => o.GetStatus().Select(s => new Measurement<T>(pick(s), Tags(o, s))));

    private IEnumerable<Measurement<long>> MeasureState() =>
        _outputs.Keys.SelectMany(o => o.GetStatus().SelectMany(s => s_states.Select(x =>
            new Measurement<long>(s.State == x.State ? 1 : 0, [.. Tags(o, s), new KeyValuePair<string, object?>("state", x.Label)]))));

    private static KeyValuePair<string, object?>[] Tags(PushOutputs outputs, PushDestinationStatus status) =>
        [new("stream", outputs.Stream), new("target", status.Name)];
}
