using System.Text;
using Ladder.Metrics.Collection;

namespace Ladder.Metrics.Exposition;

/// <summary>
/// Writes metric families in the Prometheus text exposition format 0.0.4: families sorted by name, series
/// sorted by label text, histogram buckets cumulative and ending in <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>.
/// Instruments sharing a family name and a label set are added together.
/// </summary>
internal static class ExpositionWriter
{
    /// <summary>Appends one family (all instruments share <paramref name="familyName"/> and kind).</summary>
    public static void WriteFamily(StringBuilder output, string familyName, IReadOnlyList<InstrumentState> instruments)
    {
        var first = instruments[0];
        if (!string.IsNullOrEmpty(first.Instrument.Description))
        {
            output.Append("# HELP ").Append(familyName).Append(' ');
            PrometheusText.AppendEscapedHelp(output, first.Instrument.Description);
            output.Append('\n');
        }

        output.Append("# TYPE ").Append(familyName).Append(' ').Append(first.Kind.PrometheusType()).Append('\n');
        if (first.Buckets is { } bounds)
        {
            WriteHistogram(output, familyName, bounds, instruments);
        }
        else
        {
            WriteScalar(output, familyName, instruments);
        }
    }

    private static void WriteScalar(StringBuilder output, string familyName, IReadOnlyList<InstrumentState> instruments)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            foreach (var series in instrument.Series)
            {
                values[series.Labels] = values.GetValueOrDefault(series.Labels) + series.Value.Value;
            }
        }

        foreach (var (labels, value) in values)
        {
            output.Append(familyName);
            if (labels.Length > 0)
            {
                output.Append('{').Append(labels).Append('}');
            }

            output.Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
        }
    }

    private static void WriteHistogram(StringBuilder output, string familyName, double[] bounds, IReadOnlyList<InstrumentState> instruments)
    {
        var merged = new SortedDictionary<string, (long[] Counts, double Sum)>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            foreach (var series in instrument.Series)
            {
                if (!merged.TryGetValue(series.Labels, out var entry))
                {
                    entry = (new long[bounds.Length + 1], 0);
                }

                var counts = series.BucketCounts!;
                for (var i = 0; i < counts.Length; i++)
                {
                    entry.Counts[i] += Volatile.Read(ref counts[i]);
                }

                merged[series.Labels] = (entry.Counts, entry.Sum + series.Value.Value);
            }
        }

        foreach (var (labels, (counts, sum)) in merged)
        {
            var prefix = labels.Length > 0 ? labels + "," : "";
            long cumulative = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                cumulative += counts[i];
                var le = i < bounds.Length ? PrometheusText.FormatValue(bounds[i]) : "+Inf";
                output.Append(familyName).Append("_bucket{").Append(prefix).Append("le=\"").Append(le).Append("\"} ")
                    .Append(cumulative).Append('\n');
            }

            var braces = labels.Length > 0 ? "{" + labels + "}" : "";
            output.Append(familyName).Append("_sum").Append(braces).Append(' ').Append(PrometheusText.FormatValue(sum)).Append('\n');
            output.Append(familyName).Append("_count").Append(braces).Append(' ').Append(cumulative).Append('\n');
        }
    }
}
