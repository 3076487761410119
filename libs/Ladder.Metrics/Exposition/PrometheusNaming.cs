using System.Collections.Concurrent;
using System.Text;
using Ladder.Metrics.Collection;

namespace Ladder.Metrics.Exposition;

/// <summary>
/// Metric and label names after the OpenTelemetry-to-Prometheus compatibility rules: invalid characters
/// become <c>_</c>, the unit is appended in words (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>,
/// <c>1</c> → <c>_ratio</c> for gauges, <c>X/Y</c> → <c>_X_per_Y</c>, <c>{annotations}</c> dropped) and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tebibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    private static readonly ConcurrentDictionary<string, string> LabelNames = new(StringComparer.Ordinal);

    /// <summary>The Prometheus family name of an instrument, e.g. <c>http.server.duration</c> in <c>s</c> → <c>http_server_duration_seconds</c>.</summary>
    public static string MetricName(string instrumentName, string? unit, InstrumentKind kind)
    {
        var name = Sanitize(instrumentName);
        var isCounter = kind.PrometheusType() == "counter";
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit, kind);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        return isCounter ? name + "_total" : name;
    }

    /// <summary>A valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>) for a tag key; invalid characters become <c>_</c>.</summary>
    public static string LabelName(string tagKey) =>
        IsValid(tagKey) ? tagKey : LabelNames.GetOrAdd(tagKey, static k => Sanitize(k));

    private static string UnitSuffix(string? unit, InstrumentKind kind)
    {
        if (string.IsNullOrEmpty(unit))
        {
            return "";
        }

        var withoutAnnotations = StripAnnotations(unit).Trim();
        if (withoutAnnotations.Length == 0)
        {
            return "";
        }

        if (withoutAnnotations == "1")
        {
            return kind.PrometheusType() == "gauge" ? "ratio" : "";
        }

        var slash = withoutAnnotations.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Units.TryGetValue(withoutAnnotations, out var word) ? word : Sanitize(withoutAnnotations);
        }

        var numerator = withoutAnnotations[..slash];
        var denominator = withoutAnnotations[(slash + 1)..];
        var top = numerator.Length == 0 ? "" : Units.TryGetValue(numerator, out var n) ? n : Sanitize(numerator);
        var bottom = PerUnits.TryGetValue(denominator, out var d) ? d : Sanitize(denominator);
        return top.Length == 0 ? "per_" + bottom : top + "_per_" + bottom;
    }

    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsValid(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_]</c> with <c>_</c>, collapses runs of <c>_</c>, prefixes a leading digit with <c>_</c>.</summary>
    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            var next = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        var result = builder.ToString().TrimEnd('_');
        return result.Length == 0 ? "_" : result;
    }
}
