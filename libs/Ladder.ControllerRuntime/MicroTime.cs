namespace Ladder.ControllerRuntime;

/// <summary>
/// Times written to a MicroTime field (Event <c>eventTime</c> and <c>series.lastObservedTime</c>, Lease
/// <c>acquireTime</c>/<c>renewTime</c>): the API server parses them with Go's RFC3339Micro layout
/// (<c>2006-01-02T15:04:05.000000Z07:00</c>), which demands six fractional digits.
/// </summary>
internal static class MicroTime
{
    /// <summary>
    /// Returns <paramref name="time"/> in UTC, moved 100 ns past the second when it falls exactly on one.
    /// KubernetesClient's <c>KubernetesDateTimeConverter</c> writes a time without any fractional part
    /// (<c>...:30Z</c>, refused with 400 on create and update, 500 on apply) but any other time with exactly six
    /// digits; 100 ns is below MicroTime's precision, so the value written is <c>...:30.000000Z</c>.
    /// </summary>
    public static DateTime Sendable(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0 ? utc.AddTicks(1) : utc;
    }
}
