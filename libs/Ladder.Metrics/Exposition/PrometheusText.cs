using System.Globalization;
using System.Text;

namespace Ladder.Metrics.Exposition;

/// <summary>Escaping and number formatting of the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusText
{
    /// <summary>The content type of the format: <c>text/plain; version=0.0.4; charset=utf-8</c>.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Appends a label value with <c>\</c>, <c>"</c> and line feed escaped as <c>\\</c>, <c>\"</c>, <c>\n</c>.</summary>
    public static void AppendEscapedLabelValue(StringBuilder builder, string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            builder.Append(value);
            return;
        }

        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Appends HELP text with <c>\</c> and line feed escaped as <c>\\</c> and <c>\n</c> (quotes stay as they are).</summary>
    public static void AppendEscapedHelp(StringBuilder builder, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Formats a sample value as Go's ParseFloat reads it: shortest round-trip, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
