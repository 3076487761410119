using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Which input feeds the decoders, decided on a clock (<see cref="TimeProvider"/>) so that it can be tested on a fake
/// one. <see cref="Step"/> is called every check interval with the inputs in priority order: with no active input the
/// first healthy one is taken; when the active input turns unhealthy the highest-priority healthy one takes over
/// (reason <c>timeout</c> or <c>error</c>); a higher-priority input healthy for <see cref="FailbackDelay"/> takes back
/// over (reason <c>failback</c>) unless an input was activated by hand (<see cref="Activate"/>), which is held until
/// it fails. Not thread-safe: the caller serializes the calls.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <param name="time">The clock.</param>
/// <param name="timeout"><c>spec.failover.inputTimeout</c>.</param>
/// <param name="failbackDelay"><c>spec.failover.failbackDelay</c>.</param>
internal sealed class FailoverStateMachine<TInput>(TimeProvider time, TimeSpan timeout, TimeSpan failbackDelay)
    where TInput : class, IFailoverInput
{
    /// <summary>Time after a switch, beyond the input timeout, for the first keyframe to arrive and decode.</summary>
    public static readonly TimeSpan DecodeGrace = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, double> _activeSeconds = new(StringComparer.Ordinal);
    private long _activeSince;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary><c>spec.failover.inputTimeout</c>; a reload may change it.</summary>
    public TimeSpan Timeout { get; set; } = timeout;

    /// <summary><c>spec.failover.failbackDelay</c>; a reload may change it.</summary>
    public TimeSpan FailbackDelay { get; set; } = failbackDelay;

    /// <summary>The input feeding the decoders; null before the first is taken or after it was forgotten.</summary>
    public TInput? Active { get; private set; }

    /// <summary>The input activated by hand and held while healthy; null when none.</summary>
    public TInput? Pinned { get; private set; }

    /// <summary>
    /// One check: marks the active input undecodable when it has delivered video for the timeout plus
    /// <see cref="DecodeGrace"/> with no picture decoded since (<paramref name="decodedAt"/>, a timestamp of
    /// <see cref="Time"/>, or null when nothing decodes), then switches as the rules say.
    /// </summary>
    /// <param name="inputs">The inputs, in priority order.</param>
    /// <param name="decodedAt">When the decoder last produced a picture (0 before the first); null when nothing decodes the video.</param>
    /// <returns>The switch made, or null.</returns>
    public FailoverSwitch<TInput>? Step(IReadOnlyList<TInput> inputs, long? decodedAt)
    {
        var now = time.GetTimestamp();
        if (Active is { } current && decodedAt is { } decoded && current.IsHealthy(now, Timeout)
            && time.GetElapsedTime(Math.Max(_activeSince, decoded), now) > Timeout + DecodeGrace)
        {
            current.MarkUndecodable($"input '{current.Name}' delivers video that decodes to no picture.");
        }

        var healthy = inputs.Where(r => r.IsHealthy(now, Timeout)).ToList();
        if (Active is null)
        {
            return healthy.Count > 0 ? SwitchTo(healthy[0], FailoverReason.Failback, null, now, recorded: false) : null;
        }

        if (!healthy.Contains(Active))
        {
            if (Pinned == Active)
            {
                Pinned = null;
            }

            var lost = Active;
            return healthy.Count > 0
                ? SwitchTo(healthy[0], lost.FailureReason, lost.Failure ?? InputProblem.Silent(lost.Name, Timeout), now)
                : null;
        }

        return Pinned is null && healthy.FirstOrDefault(r => r.Priority < Active.Priority && r.HealthyFor(now) >= FailbackDelay) is { } better
            ? SwitchTo(better, FailoverReason.Failback, $"input '{better.Name}' healthy for {FailbackDelay.TotalSeconds:0.###} s (spec.failover.failbackDelay).", now)
            : null;
    }

    /// <summary>Takes <paramref name="primary"/> (priority 0) at once when no input is active: its first packet needs no wait for the next check.</summary>
    /// <returns>The switch made (not recorded), or null when an input is active already.</returns>
    public FailoverSwitch<TInput>? TakePrimary(TInput primary) =>
        Active is null && primary.Priority == 0 ? SwitchTo(primary, FailoverReason.Failback, null, time.GetTimestamp(), recorded: false) : null;

    /// <summary>Makes <paramref name="input"/> active now (reason <c>manual</c>) and holds it until it fails.</summary>
    /// <returns>The switch made, or null when it is active already.</returns>
    public FailoverSwitch<TInput>? Activate(TInput input)
    {
        Pinned = input;
        return Active == input ? null : SwitchTo(input, FailoverReason.Manual, "activated through the admin API", time.GetTimestamp());
    }

    /// <summary>Forgets <paramref name="input"/> (a reload removed or reopened it); when it was active, none is until the next step.</summary>
    public void Forget(TInput input)
    {
        if (Active == input)
        {
            AddActiveTime(time.GetTimestamp());
            Active = null;
        }

        if (Pinned == input)
        {
            Pinned = null;
        }
    }

    /// <summary>Seconds each input has been the active one, by input name.</summary>
    public IReadOnlyDictionary<string, double> ActiveSeconds()
    {
        var totals = new Dictionary<string, double>(_activeSeconds, StringComparer.Ordinal);
        if (Active is { } active)
        {
            totals[active.Name] = totals.GetValueOrDefault(active.Name) + time.GetElapsedTime(_activeSince).TotalSeconds;
        }

        return totals;
    }

    private FailoverSwitch<TInput> SwitchTo(TInput next, FailoverReason reason, string? message, long now, bool recorded = true)
    {
        var previous = Active;
        AddActiveTime(now);
        Active = next;
        _activeSince = now;
        return new FailoverSwitch<TInput>(previous, next, reason, message, recorded);
    }

    private void AddActiveTime(long now)
    {
        if (Active is { } active)
        {
            _activeSeconds[active.Name] = _activeSeconds.GetValueOrDefault(active.Name) + time.GetElapsedTime(_activeSince, now).TotalSeconds;
        }
    }
}
