using System.Globalization;
using System.Text;
using Ladder.Metrics.Exposition;

namespace Ladder.Metrics.Collection;

/// <summary>Renders measurement tags as the sorted, escaped Prometheus label text that keys a <see cref="Series"/>.</summary>
internal static class LabelSet
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? s_scratch;

    /// <summary>
    /// The label text for <paramref name="tags"/>: names sanitized, pairs sorted by name (ordinal),
    /// values escaped, e.g. <c>controller="x",result="success"</c>. Empty when there are no tags.
    /// </summary>
    public static string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var scratch = s_scratch is { } s && s.Length >= tags.Length ? s : s_scratch = new KeyValuePair<string, object?>[Math.Max(8, tags.Length)];
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = new KeyValuePair<string, object?>(PrometheusNaming.LabelName(tags[i].Key), tags[i].Value);
            var j = i;
            while (j > 0 && string.CompareOrdinal(scratch[j - 1].Key, tag.Key) > 0)
            {
                scratch[j] = scratch[j - 1];
                j--;
            }

            scratch[j] = tag;
        }

        var builder = s_builder ??= new StringBuilder(128);
        builder.Clear();
        for (var i = 0; i < tags.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(scratch[i].Key).Append("=\"");
            PrometheusText.AppendEscapedLabelValue(builder, FormatValue(scratch[i].Value));
            builder.Append('"');
            scratch[i] = default;
        }

        return builder.ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
