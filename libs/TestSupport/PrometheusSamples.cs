using System.Globalization;
using System.Text;
using Prometheus;

namespace Ladder.TestSupport;

/// <summary>
/// One scrape of a prometheus-net <see cref="CollectorRegistry"/>, read back the way Prometheus reads it: the text
/// exposition format 0.0.4 parsed into samples (<c>name{label="value",...} value</c>) and the <c># TYPE</c> of each
/// family. Test support compiled into each test project that reads metrics (linked from <c>libs/TestSupport</c>).
/// </summary>
internal sealed class PrometheusSamples
{
    private PrometheusSamples(string text, IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, string> types)
    {
        Text = text;
        Samples = samples;
        Types = types;
    }

    /// <summary>The exposition as served.</summary>
    public string Text { get; }

    /// <summary>Every sample line.</summary>
    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Family name to type (counter, gauge, histogram, ...), from the <c># TYPE</c> lines.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>Collects <paramref name="registry"/> now (its before-collect callbacks included) and parses the result.</summary>
    public static async Task<PrometheusSamples> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Parse(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Parses exposition text.</summary>
    public static PrometheusSamples Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                samples.Add(ParseSample(line));
            }
        }

        return new PrometheusSamples(text, samples, types);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Of(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>The value of the one sample of <paramref name="name"/> matching <paramref name="labels"/>; fails when there is not exactly one.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var matching = Of(name, labels).ToList();
        return matching.Count == 1
            ? matching[0].Value
            : throw new InvalidOperationException($"{matching.Count} samples of {name} match {string.Join(",", labels)}:\n{Text}");
    }

    /// <summary>The sum of the samples of <paramref name="name"/> matching <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => Of(name, labels).Sum(s => s.Value);

    private static Sample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        string name;
        int rest;
        if (brace >= 0 && brace < space)
        {
            name = line[..brace];
            var i = brace + 1;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var key = line[i..eq];
                var value = new StringBuilder();
                var j = eq + 2; // past ="
                for (; line[j] != '"'; j++)
                {
                    value.Append(line[j] == '\\' ? line[++j] switch { 'n' => '\n', var c => c } : line[j]);
                }

                labels[key] = value.ToString();
                i = line[j + 1] == ',' ? j + 2 : j + 1;
            }

            rest = i + 1;
        }
        else
        {
            name = line[..space];
            rest = space;
        }

        var fields = line[rest..].Trim().Split(' ');
        return new Sample(name, labels, double.Parse(fields[0].Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    /// <summary>One sample: family (or <c>_bucket</c>/<c>_sum</c>/<c>_count</c>) name, labels, value.</summary>
    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
