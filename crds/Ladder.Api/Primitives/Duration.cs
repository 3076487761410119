using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// A length of time written as a Go duration string (<c>metav1.Duration</c>): a sequence of decimal numbers
/// with units <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c> (or <c>µs</c>), <c>ns</c>, e.g. <c>1s</c>,
/// <c>250ms</c>, <c>2m</c>, <c>1h30m</c>, <c>1.5s</c>. Formatting follows Go's <c>time.Duration.String()</c>
/// (<c>2m0s</c>, <c>1.5s</c>, <c>250ms</c>). Negative durations are not accepted: nothing in the API needs them.
/// Precision is 100 ns (a <see cref="TimeSpan"/> tick).
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration : IComparable<Duration>, IWireValue<Duration>
{
    /// <summary>The pattern a duration string must match (the CRD schema uses it as is).</summary>
    public const string Pattern = @"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    /// <summary>Wraps a <see cref="TimeSpan"/>.</summary>
    public Duration(TimeSpan value) => Value = value;

    /// <summary>The length of time.</summary>
    public TimeSpan Value { get; }

    /// <summary>Total seconds, fractional.</summary>
    public double TotalSeconds => Value.TotalSeconds;

    /// <summary>Total milliseconds, fractional.</summary>
    public double TotalMilliseconds => Value.TotalMilliseconds;

    /// <summary>A duration of <paramref name="seconds"/> seconds.</summary>
    public static Duration FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>A duration of <paramref name="milliseconds"/> milliseconds.</summary>
    public static Duration FromMilliseconds(double milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Zero.</summary>
    public static Duration Zero => default;

    /// <summary>Parses a Go duration string; throws <see cref="FormatException"/> with the reason.</summary>
    public static Duration Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a Go duration string; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Duration value, out string error)
    {
        value = default;
        error = "";
        var invalid = $"duration \"{text}\" is not valid; use a number with a unit like 1s, 250ms, 2m or 1h30m";
        if (string.IsNullOrEmpty(text))
        {
            error = "a duration must not be empty; use a number with a unit like 1s, 250ms or 2m";
            return false;
        }
        if (text[0] == '-')
        {
            error = $"duration \"{text}\" must not be negative";
            return false;
        }
        if (text == "0")
        {
            return true;
        }
        decimal totalNs = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }
            if (i == start || !decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = invalid;
                return false;
            }
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }
            decimal unitNs = text[unitStart..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => -1m,
            };
            if (unitNs < 0)
            {
                error = unitStart == i
                    ? $"duration \"{text}\" is missing a unit; use e.g. {text}s"
                    : invalid;
                return false;
            }
            totalNs += number * unitNs;
            if (totalNs > (decimal)TimeSpan.MaxValue.Ticks * 100m)
            {
                error = $"duration \"{text}\" is too long";
                return false;
            }
        }
        value = new Duration(TimeSpan.FromTicks((long)Math.Round(totalNs / 100m)));
        return true;
    }

    static string IWireValue<Duration>.WireFormHint => "a duration must be a string with a unit, like 1s, 250ms or 2m";

    /// <summary>Formats as Go's <c>time.Duration.String()</c> does: <c>0s</c>, <c>250ms</c>, <c>1.5s</c>, <c>2m0s</c>, <c>1h30m0s</c>.</summary>
    public override string ToString()
    {
        var ticks = Value.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }
        var negative = ticks < 0;
        var ns = Math.Abs((decimal)ticks * 100m);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        if (ns < 1_000_000_000m)
        {
            var (unit, scale) = ns < 1_000m ? ("ns", 1m) : ns < 1_000_000m ? ("µs", 1_000m) : ("ms", 1_000_000m);
            sb.Append(Format(ns / scale)).Append(unit);
            return sb.ToString();
        }
        var hours = decimal.Floor(ns / 3_600_000_000_000m);
        ns -= hours * 3_600_000_000_000m;
        var minutes = decimal.Floor(ns / 60_000_000_000m);
        ns -= minutes * 60_000_000_000m;
        var seconds = ns / 1_000_000_000m;
        if (hours > 0)
        {
            sb.Append(Format(hours)).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            sb.Append(Format(minutes)).Append('m');
        }
        sb.Append(Format(seconds)).Append('s');
        return sb.ToString();

        static string Format(decimal d) => d.ToString("0.#########", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public int CompareTo(Duration other) => Value.CompareTo(other.Value);

    /// <summary>Compares two durations.</summary>
    public static bool operator <(Duration left, Duration right) => left.Value < right.Value;

    /// <summary>Compares two durations.</summary>
    public static bool operator >(Duration left, Duration right) => left.Value > right.Value;

    /// <summary>Compares two durations.</summary>
    public static bool operator <=(Duration left, Duration right) => left.Value <= right.Value;

    /// <summary>Compares two durations.</summary>
    public static bool operator >=(Duration left, Duration right) => left.Value >= right.Value;
}
