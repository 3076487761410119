using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Metrics;
using Ladder.Operator.Metrics;
using Ladder.Operator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ladder.Operator.Tests.Chart;

/// <summary>
/// Every metric the Grafana dashboard's PromQL names is one the code exports, under its exposed name (unit suffix and
/// <c>_total</c> included). The operator's and controller runtime's families come from their real instrument classes;
/// the runner's (PipelineMetrics, PackagerMetrics) from their instrument declarations in source, re-created and run
/// through the same Ladder.Metrics naming (the operator does not reference the runner).
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
    ];

    [GeneratedRegex("meter\\.Create(?<kind>ObservableCounter|ObservableGauge|ObservableUpDownCounter|UpDownCounter|Counter|Gauge|Histogram)(?:<\\w+>)?\\(\\s*\"(?<name>[^\"]+)\"(?<rest>(?:[^;\"]|\"[^\"]*\")*);")]
    private static partial Regex InstrumentDeclaration();

    [GeneratedRegex("(?<named>\\b(?:description|unit):\\s*)?\"(?<value>[^\"]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'|\\{[^}]*\\}|\\[[^\\]]*\\]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex NotMetricNames();

    [GeneratedRegex("(?<![$\\w])(?<name>(?>[a-zA-Z_:][a-zA-Z0-9_:]*))(?!\\s*\\()")]
    private static partial Regex Identifier();

    [GeneratedRegex("label_values\\(\\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();

    /// <summary>The metric names a PromQL expression reads.</summary>
    internal static IEnumerable<string> MetricNames(string promQl) =>
        Identifier().Matches(NotMetricNames().Replace(promQl, " ")).Select(m => m.Groups["name"].Value).Where(n => !PromQlWords.Contains(n.ToLowerInvariant()));

    private static JsonNode Dashboard() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Chart, "dashboards", "ladder.json")))!;

    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "expr" && p.Value is JsonValue v ? [v.GetValue<string>()] : Expressions(p.Value)),
        JsonArray a => a.SelectMany(Expressions),
        _ => [],
    };

    // Every family the code exports, as exposed: "# TYPE" names plus a histogram's _bucket/_sum/_count series.
    private static HashSet<string> ExportedFamilies()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        _ = new OperatorMetrics(factory);
        _ = new ControllerRuntimeMetrics(factory);
        using var runnerMeter = new Meter("Ladder.Tests.RunnerDeclarations." + Guid.NewGuid().ToString("N"));
        foreach (var source in RunnerMetricSources)
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, source));
            var declared = InstrumentDeclaration().Matches(text);
            Assert.True(declared.Count > 0, $"no meter.Create* calls found in {source}: the dashboard test cannot read its instruments");
            foreach (Match m in declared)
            {
                Declare(runnerMeter, m.Groups["kind"].Value, m.Groups["name"].Value, Unit(m.Groups["rest"].Value));
            }
        }

        using var collector = new PrometheusCollector(new PrometheusCollectorOptions().AddMeter(OperatorMetrics.MeterName).AddMeter(ControllerRuntimeMetrics.MeterName).AddMeter(runnerMeter.Name));
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in collector.Collect().Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            families.Add(parts[2]);
            if (parts[3] == "histogram")
            {
                families.UnionWith([parts[2] + "_bucket", parts[2] + "_sum", parts[2] + "_count"]);
            }
        }

        return families;
    }

    // The unit argument: unit: "..." or, for a call with a unit and a description, the first positional string.
    private static string? Unit(string arguments)
    {
        var literals = StringLiteral().Matches(arguments).Select(m => (Named: m.Groups["named"].Value, Value: m.Groups["value"].Value)).ToList();
        if (literals.FirstOrDefault(l => l.Named.StartsWith("unit", StringComparison.Ordinal)) is { Value: { } named } && named is not null && literals.Any(l => l.Named.StartsWith("unit", StringComparison.Ordinal)))
        {
            return named;
        }

        var positional = literals.Where(l => l.Named.Length == 0).ToList();
        return positional.Count >= 2 ? positional[0].Value : null;
    }

    private static void Declare(Meter meter, string kind, string name, string? unit)
    {
        switch (kind)
        {
            case "Counter": meter.CreateCounter<long>(name, unit).Add(1); break;
            case "UpDownCounter": meter.CreateUpDownCounter<long>(name, unit).Add(1); break;
            case "Gauge": meter.CreateGauge<long>(name, unit).Record(1); break;
            case "Histogram": meter.CreateHistogram<double>(name, unit).Record(1); break;
            case "ObservableCounter": meter.CreateObservableCounter(name, () => 1L, unit); break;
            case "ObservableUpDownCounter": meter.CreateObservableUpDownCounter(name, () => 1L, unit); break;
            case "ObservableGauge": meter.CreateObservableGauge(name, () => 1L, unit); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown instrument kind");
        }
    }

    [Fact]
    public void MetricNames_Should_SkipFunctionsLabelsRangesAndGrouping()
    {
        var names = MetricNames("histogram_quantile(0.95, sum by (le, stream) (rate(a_seconds_bucket{stream=~\"$stream\", kind=\"encode\"}[$__rate_interval]))) / on (pod) b_total offset 5m");

        Assert.Equal(["a_seconds_bucket", "b_total"], names);
    }

    [Fact]
    public void Dashboard_Should_QueryOnlyMetricsTheCodeExports()
    {
        var dashboard = Dashboard();
        var queried = Expressions(dashboard["panels"]).SelectMany(MetricNames)
            .Concat(LabelValues().Matches(dashboard["templating"]!.ToJsonString()).Select(m => m.Groups["metric"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var exported = ExportedFamilies();

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
