using Ladder.Api.Pipeline;
using Ladder.Pipeline.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Pipeline.Push;

/// <summary>
/// The pipeline's push outputs (<c>outputs.push</c>): fans the media core's packets out to one
/// <see cref="PushDestination"/> per target, each its own stage with its own thread, bounded queue, connection and
/// backoff, so a destination that is down or slow never affects the packager or the other destinations.
/// </summary>
/// <remarks>
/// <see cref="Write"/> is called from several encoder threads and never blocks. <see cref="Apply"/> changes the
/// targets at run time (hot reload): it starts new targets, stops removed ones, restarts changed ones and leaves equal
/// ones (record equality of <see cref="PipelinePushTarget"/>, secrets included) running untouched. Stream keys and SRT
/// passphrases never appear in status, logs or metric labels: texts are masked, and metrics carry the target name.
/// </remarks>
public sealed class PushOutputs : IEncodedPacketSink, IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private readonly PushSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly PushMetrics? _metrics;
    private readonly Func<PipelinePushTarget, PushEndpoint> _endpoints;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TrackInfo> _tracks = new(StringComparer.Ordinal);
    private readonly List<Ladder.LibAv.CodecParameters> _ownedParameters = [];
    private volatile PushDestination[] _destinations = [];
    private bool _disposed;

    /// <summary>Creates the outputs and starts a destination per target.</summary>
    /// <param name="stream">The LiveStream (<c>namespace/name</c>), the <c>stream</c> label of the metrics.</param>
    /// <param name="targets">The resolved push targets (<see cref="PipelineOutputs.Push"/>); may be empty.</param>
    /// <param name="settings">Queue, timeouts and backoff; null for the defaults.</param>
    /// <param name="metrics">The instruments to report to; null for none.</param>
    /// <param name="loggerFactory">Where destinations log (masked); null for none.</param>
    /// <param name="time">The clock for status times and backoff; null for the system clock.</param>
    public PushOutputs(string stream, IReadOnlyList<PipelinePushTarget> targets, PushSettings? settings = null, PushMetrics? metrics = null,
        ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
        : this(stream, targets, settings, metrics, loggerFactory, time, PushEndpoint.For)
    {
    }

    /// <summary>Creates the outputs with another endpoint mapping (tests push MPEG-TS over <c>tcp://</c>).</summary>
    internal PushOutputs(string stream, IReadOnlyList<PipelinePushTarget> targets, PushSettings? settings, PushMetrics? metrics,
        ILoggerFactory? loggerFactory, TimeProvider? time, Func<PipelinePushTarget, PushEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream = stream;
        _settings = settings ?? new PushSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(_settings.QueueCapacity, 1, nameof(settings));
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _endpoints = endpoints;
        _metrics = metrics;
        Apply(targets, new HashSet<string>(StringComparer.Ordinal));
        _metrics?.Attach(this);
    }

    /// <summary>The LiveStream, <c>namespace/name</c>.</summary>
    public string Stream { get; }

    /// <summary>
    /// Carries out a reload plan's push part (<see cref="Reload.ReloadPlanner"/> decides; this does not compare
    /// targets): starts the names of <paramref name="targets"/> not running, stops the running names gone from it,
    /// restarts the names in <paramref name="restart"/> with their new target, and keeps every other destination, its
    /// connection and counters as they are. Waits (up to 5 s each) for stopped destinations to close their connections
    /// before starting their replacements.
    /// </summary>
    /// <param name="targets">The resolved targets, in the spec's order; names are unique.</param>
    /// <param name="restart">Names of running targets to restart (the plan's restarted <c>push/&lt;name&gt;</c>).</param>
    /// <returns>The names started, stopped and restarted (a restart is in none of the other two).</returns>
    /// <exception cref="ArgumentException">Two targets share a name.</exception>
    /// <exception cref="ObjectDisposedException">The outputs were disposed.</exception>
    public PushApplyResult Apply(IReadOnlyList<PipelinePushTarget> targets, IReadOnlySet<string> restart)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(restart);
        var duplicate = targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"push target name '{duplicate.Key}' is used twice", nameof(targets));
        }
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _destinations.ToDictionary(d => d.Target.Name, StringComparer.Ordinal);
            var wanted = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var keep = new List<PushDestination>();
            var stopping = new List<PushDestination>();
            List<string> added = [], removed = [], restarted = [];
            foreach (var (name, destination) in current)
            {
                if (!wanted.ContainsKey(name))
                {
                    stopping.Add(destination);
                    removed.Add(name);
                }
                else if (restart.Contains(name))
                {
                    stopping.Add(destination);
                    restarted.Add(name);
                }
                else
                {
                    keep.Add(destination);
                }
            }
            foreach (var destination in stopping)
            {
                destination.Stop();
            }
            foreach (var destination in stopping)
            {
                destination.Dispose();
            }
            var started = new List<PushDestination>();
            foreach (var target in targets)
            {
                if (keep.Any(d => d.Target.Name == target.Name))
                {
                    continue;
                }
                if (!current.ContainsKey(target.Name))
                {
                    added.Add(target.Name);
                }
                var destination = new PushDestination(target, _endpoints(target), _settings, _time, _loggerFactory.CreateLogger($"Ladder.Pipeline.Push.{target.Name}"));
                foreach (var track in _tracks.Values)
                {
                    destination.SetTrack(track);
                }
                started.Add(destination);
            }
            // Keep the spec's order for status.
            var all = keep.Concat(started).ToDictionary(d => d.Target.Name, StringComparer.Ordinal);
            _destinations = [.. targets.Select(t => all[t.Name])];
            foreach (var destination in started)
            {
                destination.Start();
            }
            return new PushApplyResult(added, removed, restarted);
        }
    }

    /// <summary>The destinations' state and counters, in the spec's order, secrets masked.</summary>
    public IReadOnlyList<PushDestinationStatus> GetStatus() => [.. _destinations.Select(d => d.GetStatus())];

    /// <inheritdoc />
    public void AddTrack(TrackInfo track)
    {
        ArgumentNullException.ThrowIfNull(track);
        // The creator owns the parameters; keep a copy for connections opened later. Old copies live until disposal:
        // a destination may be writing a header from one.
        var copy = track with { Parameters = track.Parameters.Clone() };
        lock (_lock)
        {
            _ownedParameters.Add(copy.Parameters);
            _tracks[track.Id] = copy;
            foreach (var destination in _destinations)
            {
                destination.SetTrack(copy);
            }
        }
    }

    /// <inheritdoc />
    public void Write(in EncodedPacket packet)
    {
        foreach (var destination in _destinations)
        {
            destination.Offer(packet);
        }
    }

    /// <inheritdoc />
    public void RemoveTrack(string trackId)
    {
        lock (_lock)
        {
            _tracks.Remove(trackId);
            foreach (var destination in _destinations)
            {
                destination.RemoveTrack(trackId);
            }
        }
    }

    /// <summary>Stops every destination (closing connections without waiting on stalled peers) and frees what they hold.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        _metrics?.Detach(this);
        var destinations = _destinations;
        foreach (var destination in destinations)
        {
            destination.Stop();
        }
        foreach (var destination in destinations)
        {
            destination.Dispose();
        }
        _destinations = [];
        lock (_lock)
        {
            foreach (var parameters in _ownedParameters)
            {
                parameters.Dispose();
            }
            _ownedParameters.Clear();
        }
    }

    /// <summary>The running destination named <paramref name="name"/>, or null (tests check which instances <see cref="Apply"/> kept).</summary>
    internal PushDestination? Destination(string name) => _destinations.FirstOrDefault(d => d.Target.Name == name);
}
