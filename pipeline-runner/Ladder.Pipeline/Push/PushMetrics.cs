using System.Collections.Concurrent;
using Ladder.Pipeline.Metrics;
using Prometheus;

namespace Ladder.Pipeline.Push;

/// <summary>
/// Owns the push outputs' prometheus-net instruments on one <see cref="CollectorRegistry"/>, read at scrape time from
/// <see cref="PushOutputs.GetStatus"/>, labelled <c>stream</c> and <c>target</c> (the target's name, never its URL):
/// counters <c>ladder_push_bytes_total</c> (compressed media bytes written), <c>ladder_push_packets_total</c>,
/// <c>ladder_push_dropped_packets_total</c> (queue full), <c>ladder_push_reconnects_total</c>; gauges
/// <c>ladder_push_uptime_seconds</c> (current connection, 0 when not live) and <c>ladder_push_state</c> (1 for the
/// destination's current <c>state</c> label: connecting, live, backingOff, stopped; 0 for the others).
/// </summary>
/// <remarks>One instance per registry: its series are refreshed by a callback it adds to the registry.</remarks>
public sealed class PushMetrics
{
    private static readonly (PushState State, string Label)[] s_states =
        [(PushState.Connecting, "connecting"), (PushState.Live, "live"), (PushState.BackingOff, "backingOff"), (PushState.Stopped, "stopped")];

    private readonly ConcurrentDictionary<PushOutputs, byte> _outputs = new();
    private readonly Lock _gate = new();
    private readonly ScrapedSeries _scraped = new();
    private readonly Counter _bytes;
    private readonly Counter _packets;
    private readonly Counter _dropped;
    private readonly Counter _reconnects;
    private readonly Gauge _uptime;
    private readonly Gauge _state;

    /// <summary>Creates the instruments on <paramref name="registry"/> and hooks them to its collections.</summary>
    /// <param name="registry">The runner's registry.</param>
    /// <exception cref="InvalidOperationException">The registry already holds one of these names with other labels.</exception>
    public PushMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _bytes = factory.CreateCounter("ladder_push_bytes_total", "Compressed media bytes written to each push target.", "stream", "target");
        _packets = factory.CreateCounter("ladder_push_packets_total", "Packets written to each push target.", "stream", "target");
        _dropped = factory.CreateCounter("ladder_push_dropped_packets_total", "Packets dropped because the push target's queue was full.", "stream", "target");
        _reconnects = factory.CreateCounter("ladder_push_reconnects_total", "Connection attempts to each push target after the first.", "stream", "target");
        _uptime = factory.CreateGauge("ladder_push_uptime_seconds", "Seconds the push target's current connection has been live.", "stream", "target");
        _state = factory.CreateGauge("ladder_push_state", "1 for the push target's current state label, 0 for the others.", "stream", "target", "state");
        registry.AddBeforeCollectCallback(Scrape);
    }

    /// <summary>Starts observing <paramref name="outputs"/>.</summary>
    internal void Attach(PushOutputs outputs) => _outputs.TryAdd(outputs, 0);

    /// <summary>Stops observing <paramref name="outputs"/>; their series leave at the next scrape.</summary>
    internal void Detach(PushOutputs outputs) => _outputs.TryRemove(outputs, out _);

    private void Scrape()
    {
        lock (_gate)
        {
            foreach (var outputs in _outputs.Keys)
            {
                foreach (var target in outputs.GetStatus())
                {
                    _scraped.Counter(_bytes, target.Bytes, outputs.Stream, target.Name);
                    _scraped.Counter(_packets, target.Packets, outputs.Stream, target.Name);
                    _scraped.Counter(_dropped, target.DroppedPackets, outputs.Stream, target.Name);
                    _scraped.Counter(_reconnects, target.Reconnects, outputs.Stream, target.Name);
                    _scraped.Gauge(_uptime, target.UptimeSeconds, outputs.Stream, target.Name);
                    foreach (var (state, label) in s_states)
                    {
                        _scraped.Gauge(_state, target.State == state ? 1 : 0, outputs.Stream, target.Name, label);
                    }
                }
            }

            _scraped.Flush();
        }
    }
}
