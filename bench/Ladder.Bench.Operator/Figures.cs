using System.Globalization;

namespace Ladder.Bench.Operator;

/// <summary>What one run measured.</summary>
internal sealed record Figures
{
    public required int Streams { get; init; }

    public required int Workers { get; init; }

    public required TimeSpan CreateTime { get; init; }

    public required TimeSpan TimeToAllReady { get; init; }

    public required long OperatorRequests { get; init; }

    public required IReadOnlyDictionary<string, long> RequestsByVerb { get; init; }

    public required long RunnerCallsToReady { get; init; }

    public required int IdleSeconds { get; init; }

    public required TimeSpan IdleCpu { get; init; }

    public required long IdleRequests { get; init; }

    public required long IdleRunnerCalls { get; init; }

    public required long GcHeapBytes { get; init; }

    public required long ManagedLiveBytes { get; init; }

    public required long RssBytes { get; init; }

    public double RequestsPerStream => (double)OperatorRequests / Streams;

    /// <summary>Prints the table, then one <c>name: value</c> line per figure.</summary>
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new (string Figure, string Value)[]
        {
            ("streams", Streams.ToString(c)),
            ("livestream workers", Workers.ToString(c)),
            ("create all streams (client)", $"{CreateTime.TotalSeconds.ToString("0.00", c)} s"),
            ("time until all Ready", $"{TimeToAllReady.TotalSeconds.ToString("0.00", c)} s"),
            ("operator API requests until Ready", OperatorRequests.ToString(c)),
            ("API requests per stream", RequestsPerStream.ToString("0.00", c)),
            ("  by verb", string.Join(", ", RequestsByVerb.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))),
            ("runner status calls until Ready", RunnerCallsToReady.ToString(c)),
            ($"idle CPU over {IdleSeconds} s", $"{IdleCpu.TotalMilliseconds.ToString("0", c)} ms ({(IdleCpu.TotalSeconds / IdleSeconds * 100).ToString("0.00", c)} % of one core)"),
            ($"idle API requests over {IdleSeconds} s", IdleRequests.ToString(c)),
            ($"idle runner status calls over {IdleSeconds} s", IdleRunnerCalls.ToString(c)),
            ("GC heap (after full GC)", Mib(GcHeapBytes)),
            ("managed live objects", Mib(ManagedLiveBytes)),
            ("RSS", Mib(RssBytes)),
        };
        var width = rows.Max(r => r.Figure.Length);
        output.WriteLine($"{"figure".PadRight(width)} | value");
        output.WriteLine($"{new string('-', width)}-|-{new string('-', 40)}");
        foreach (var (figure, value) in rows)
        {
            output.WriteLine($"{figure.PadRight(width)} | {value}");
        }

        output.WriteLine();
        output.WriteLine($"operator.time_to_all_ready_seconds: {TimeToAllReady.TotalSeconds.ToString("0.000", c)}");
        output.WriteLine($"operator.api_requests_per_stream: {RequestsPerStream.ToString("0.00", c)}");
        output.WriteLine($"operator.idle_cpu_seconds_per_{IdleSeconds}s: {IdleCpu.TotalSeconds.ToString("0.000", c)}");
        output.WriteLine($"operator.idle_api_requests_per_{IdleSeconds}s: {IdleRequests.ToString(c)}");
        output.WriteLine($"operator.gc_heap_bytes: {GcHeapBytes.ToString(c)}");
        output.WriteLine($"operator.rss_bytes: {RssBytes.ToString(c)}");
    }

    private static string Mib(long bytes) => $"{(bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB";
}
