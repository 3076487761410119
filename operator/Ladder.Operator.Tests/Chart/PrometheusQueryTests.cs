using System.Text.RegularExpressions;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Chart;

/// <summary>
/// The chart's queries against a real Prometheus that scrapes a real runner (real media) and the operator's host every
/// second (<see cref="MonitoredLadder"/>). Every PromQL expression of the Grafana dashboard (Grafana's variables
/// substituted: <c>$__rate_interval</c> by <c>1m</c>, the others by <c>.+</c>) and every template variable's
/// <c>label_values(metric, label)</c> must return at least one series. An alert's expression is a condition, empty
/// while all is well (as it is here), so the rule for alerts is: its trailing comparison with a number
/// (<c>== 0</c>, <c>&lt; 0.95</c>, <c>&gt; 0</c>, <c>== 1</c>) is cut off, and what is left, the quantity the alert
/// watches, must return at least one series; <c>for</c> is ignored. Whether each alert fires and resolves is
/// <c>promtool test rules</c>' job (<see cref="AlertRulesTests"/>). Before any of it, both <c>/metrics</c> pass
/// <c>promtool check metrics</c>.
/// </summary>
public sealed partial class PrometheusQueryTests(MonitoredLadder ladder) : IClassFixture<MonitoredLadder>
{
    // From the fixture's start: the runner's first segments, two scrapes for rate(), and a loaded machine's slack.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"^\s*expr:\s*(?<expr>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertExpression();

    [GeneratedRegex(@"\s*(?:==|!=|<=|>=|<|>)\s*-?[0-9.]+$")]
    private static partial Regex TrailingThreshold();

    /// <summary>An alert expression without its trailing comparison with a number.</summary>
    internal static string WithoutThreshold(string expression) => TrailingThreshold().Replace(expression, "");

    [Fact]
    public void WithoutThreshold_Should_KeepTheWatchedQuantity_When_TheAlertComparesItWithANumber()
    {
        Assert.Equal("max by (pod) (ladder_pipeline_stage_speed{kind=\"encode\"})", WithoutThreshold("max by (pod) (ladder_pipeline_stage_speed{kind=\"encode\"}) < 0.95"));
        Assert.Equal("sum(rate(x_total[5m]))", WithoutThreshold("sum(rate(x_total[5m])) == 0"));
        Assert.Equal("a > b", WithoutThreshold("a > b"));
    }

    [Fact]
    public async Task Metrics_Should_BePromtoolClean_When_TheRunnerEncodesAndTheOperatorReconciles()
    {
        using var playlist = await ladder.Runner.GetAsync("/hls/master.m3u8"); // one origin request, so the HTTP families have a series
        var runner = await ladder.Runner.GetStringAsync("/metrics");
        var op = await ladder.Operator.Http.GetStringAsync(ladder.Operator.Metrics);

        foreach (var (name, scrape) in new[] { ("runner", runner), ("operator", op) })
        {
            var (exit, output) = await Promtool.CheckMetricsAsync(scrape);
            Assert.True(exit == 0 && output.Trim().Length == 0, $"promtool check metrics on the {name}'s /metrics exited {exit}:\n{output}");
        }

        Assert.Contains("ladder_pipeline_stage_speed{", runner, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{code=\"" + (int)playlist.StatusCode + "\",method=\"GET\"", runner, StringComparison.Ordinal);
        Assert.Contains("\nprocess_cpu_seconds_total ", runner, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_collection_count_total{", op, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardQueries_Should_EachReturnSeries_When_RunAgainstAPrometheusScrapingTheRunnerAndTheOperator()
    {
        var dashboard = DashboardMetricsTests.Dashboard();
        var panels = DashboardMetricsTests.Expressions(dashboard["panels"]).Select(PrometheusServer.FromGrafana).Distinct(StringComparer.Ordinal).ToList();
        var variables = DashboardMetricsTests.LabelValues().Matches(dashboard["templating"]!.ToJsonString())
            .Select(m => $"count by ({m.Groups["label"].Value}) ({m.Groups["metric"].Value})").ToList();

        Assert.True(panels.Count >= 20, $"only {panels.Count} dashboard expressions found");
        Assert.NotEmpty(variables);
        await AssertEachReturnsSeriesAsync([.. panels, .. variables]);
    }

    [Fact]
    public async Task AlertExpressions_Should_EachReturnSeries_When_TheirThresholdIsCutOff()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Chart, "alerts", "ladder-alerts.yaml"));
        var expressions = AlertExpression().Matches(rules).Select(m => m.Groups["expr"].Value).ToList();

        Assert.Equal(7, expressions.Count);
        Assert.All(expressions, e => Assert.NotEqual(e, WithoutThreshold(e))); // every alert compares with a number
        await AssertEachReturnsSeriesAsync([.. expressions.Select(WithoutThreshold)]);
    }

    // Polls each expression until it returns a series or the shared deadline passes; then names every one that never did.
    private async Task AssertEachReturnsSeriesAsync(IReadOnlyList<string> expressions)
    {
        var pending = expressions.ToList();
        while (true)
        {
            foreach (var expression in pending.ToList())
            {
                if ((await ladder.Prometheus.QueryAsync(expression)).Count > 0)
                {
                    pending.Remove(expression);
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow - ladder.StartedAt > Deadline)
            {
                var targets = await ladder.Prometheus.Http.GetStringAsync("api/v1/targets");
                Assert.Fail($"{pending.Count} of {expressions.Count} expressions returned no series within {Deadline.TotalSeconds} s:\n  {string.Join("\n  ", pending)}\ntargets: {targets}\nrunner:\n{ladder.RunnerOutput}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
