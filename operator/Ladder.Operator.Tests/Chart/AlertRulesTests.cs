using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Chart;

/// <summary>
/// The chart's alerts (<c>charts/ladder/alerts/ladder-alerts.yaml</c>) are valid Prometheus rules, each one fires on the
/// series that mean trouble and resolves when they recover (<c>promtool test rules</c> on
/// <c>ladder-alerts.test.yaml</c> beside this file), and the PrometheusRule the chart renders carries every one of them.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly string Alerts = Path.Combine(RepoPaths.Chart, "alerts", "ladder-alerts.yaml");

    private static readonly string[] AlertNames =
    [
        "LadderStreamNotPublishing", "LadderEncoderSlowerThanRealtime", "LadderInputFailedOver",
        "LadderPushDestinationDown", "LadderRenditionDegraded", "LadderRunnerNotReady", "LadderOperatorReconcileErrors",
    ];

    [Fact]
    public async Task Promtool_Should_AcceptTheRules_When_Checked()
    {
        var (exit, output) = await Promtool.RunAsync(RepoPaths.Root, "check", "rules", Alerts);

        Assert.True(exit == 0, output);
        Assert.Contains($"SUCCESS: {AlertNames.Length} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_Should_PassEveryAlertsUnitTest_When_ItFiresAndResolves()
    {
        var (exit, output) = await Promtool.RunAsync(Path.Combine(RepoPaths.Root, "operator", "Ladder.Operator.Tests", "Chart"), "test", "rules", "ladder-alerts.test.yaml");

        Assert.True(exit == 0, output);
        var tests = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "operator", "Ladder.Operator.Tests", "Chart", "ladder-alerts.test.yaml"));
        Assert.All(AlertNames, name => Assert.Contains("alertname: " + name, tests, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Template_Should_RenderEveryAlertInAPrometheusRule_When_Enabled()
    {
        var rule = Helm.Single(await Helm.TemplateAsync("prometheusRule.enabled=true", "prometheusRule.labels.release=kube-prometheus-stack"), "PrometheusRule");

        Assert.Equal("kube-prometheus-stack", rule["metadata"]!["labels"]!["release"]!.GetValue<string>());
        var rendered = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!["alert"]!.GetValue<string>());
        Assert.Equal(AlertNames.Order(StringComparer.Ordinal), rendered.Order(StringComparer.Ordinal));
        Assert.Contains("{{ $labels.namespace }}", rule.ToJsonString(), StringComparison.Ordinal);
    }
}
