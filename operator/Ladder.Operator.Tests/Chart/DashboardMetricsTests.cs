using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Operator.Metrics;
using Ladder.Operator.Tests.Support;
using Ladder.TestSupport;

namespace Ladder.Operator.Tests.Chart;

/// <summary>
/// Every metric the Grafana dashboard's PromQL names is one the code exports, under its exposed name. The operator's and
/// controller runtime's families come from a scrape of their real instrument classes; the runner's (PipelineMetrics,
/// PackagerMetrics, PushMetrics) from their prometheus-net declarations in source (the operator does not reference the
/// runner). <c>PrometheusQueryTests</c> runs the same queries against a real Prometheus.
/// </summary>
public sealed partial class DashboardMetricsTests
{
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    };

    private static readonly string[] RunnerMetricSources =
    [
        "pipeline-runner/Ladder.Pipeline/Metrics/PipelineMetrics.cs",
        "pipeline-runner/Ladder.Pipeline/Packaging/PackagerMetrics.cs",
        "pipeline-runner/Ladder.Pipeline/Push/PushMetrics.cs",
    ];

    [GeneratedRegex("factory\\.Create(?<kind>Counter|Gauge|Histogram)\\(\\s*\"(?<name>[^\"]+)\"")]
    private static partial Regex InstrumentDeclaration();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'|\\{[^}]*\\}|\\[[^\\]]*\\]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex NotMetricNames();

    [GeneratedRegex("(?<![$\\w])(?<name>(?>[a-zA-Z_:][a-zA-Z0-9_:]*))(?!\\s*\\()")]
    private static partial Regex Identifier();

    [GeneratedRegex("label_values\\(\\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*(?<label>\\w+)")]
    internal static partial Regex LabelValues();

    /// <summary>The metric names a PromQL expression reads.</summary>
    internal static IEnumerable<string> MetricNames(string promQl) =>
        Identifier().Matches(NotMetricNames().Replace(promQl, " ")).Select(m => m.Groups["name"].Value).Where(n => !PromQlWords.Contains(n.ToLowerInvariant()));

    /// <summary>The chart's Grafana dashboard.</summary>
    internal static JsonNode Dashboard() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Chart, "dashboards", "ladder.json")))!;

    /// <summary>Every <c>expr</c> under <paramref name="node"/>.</summary>
    internal static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "expr" && p.Value is JsonValue v ? [v.GetValue<string>()] : Expressions(p.Value)),
        JsonArray a => a.SelectMany(Expressions),
        _ => [],
    };

    // Every family the code exports, as exposed: "# TYPE" names plus a histogram's _bucket/_sum/_count series.
    private static async Task<HashSet<string>> ExportedFamiliesAsync()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _ = new OperatorMetrics(registry);
        _ = new ControllerRuntimeMetrics(registry);
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, type) in (await PrometheusSamples.ScrapeAsync(registry)).Types)
        {
            families.UnionWith(Series(name, type));
        }

        foreach (var source in RunnerMetricSources)
        {
            var declared = InstrumentDeclaration().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, source)));
            Assert.True(declared.Count > 0, $"no factory.Create* calls found in {source}: the dashboard test cannot read its instruments");
            foreach (Match m in declared)
            {
                families.UnionWith(Series(m.Groups["name"].Value, m.Groups["kind"].Value.ToLowerInvariant()));
            }
        }

        return families;
    }

    private static IEnumerable<string> Series(string family, string type) =>
        type == "histogram" ? [family, family + "_bucket", family + "_sum", family + "_count"] : [family];

    [Fact]
    public void MetricNames_Should_SkipFunctionsLabelsRangesAndGrouping()
    {
        var names = MetricNames("histogram_quantile(0.95, sum by (le, stream) (rate(a_seconds_bucket{stream=~\"$stream\", kind=\"encode\"}[$__rate_interval]))) / on (pod) b_total offset 5m");

        Assert.Equal(["a_seconds_bucket", "b_total"], names);
    }

    [Fact]
    public async Task Dashboard_Should_QueryOnlyMetricsTheCodeExports()
    {
        var dashboard = Dashboard();
        var queried = Expressions(dashboard["panels"]).SelectMany(MetricNames)
            .Concat(LabelValues().Matches(dashboard["templating"]!.ToJsonString()).Select(m => m.Groups["metric"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var exported = await ExportedFamiliesAsync();

        Assert.NotEmpty(queried);
        var unknown = queried.Where(q => !exported.Contains(q)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, $"the dashboard queries metrics nothing exports: {string.Join(", ", unknown)}\nexported: {string.Join(", ", exported.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public void Dashboard_Should_ChartFpsBitrateSpeedDropsFailoversAndReconciles_PerStream()
    {
        var dashboard = Dashboard();
        var queried = Expressions(dashboard["panels"]).SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>
        {
            "ladder_pipeline_stage_fps", "ladder_pipeline_stage_bitrate_bit_per_second", "ladder_pipeline_stage_speed", "ladder_pipeline_stage_dropped_total",
            "ladder_operator_failovers_total", "controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total",
        }, queried);
        Assert.Contains(dashboard["templating"]!["list"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "stream");
        Assert.All(Expressions(dashboard["panels"]).Where(e => e.Contains("ladder_pipeline_stage_", StringComparison.Ordinal)),
            e => Assert.Contains("stream=~\"$stream\"", e, StringComparison.Ordinal));
    }
}
