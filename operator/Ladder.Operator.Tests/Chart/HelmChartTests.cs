using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Chart;

public sealed class HelmChartTests
{
    [Fact]
    public async Task Lint_Should_Pass_When_DefaultValuesAreUsed()
    {
        var (exit, output) = await Helm.RunAsync("lint", RepoPaths.Chart, "--strict");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Lint_Should_Pass_When_WebhookAndMonitorsAreOn()
    {
        var (exit, output) = await Helm.RunAsync(["lint", RepoPaths.Chart, "--strict", .. Helm.EverythingOn.SelectMany(v => new[] { "--set", v })]);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Template_Should_RenderOnlyTheCoreObjects_When_DefaultValuesAreUsed()
    {
        var kinds = (await Helm.TemplateAsync()).Select(o => o["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Role", "RoleBinding", "Service", "ServiceAccount"], kinds);
    }

    [Fact]
    public async Task Template_Should_AddWebhookCertificatesAndMonitors_When_TheyAreOn()
    {
        var kinds = (await Helm.TemplateAsync(Helm.EverythingOn)).Select(o => o["kind"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string> { "ValidatingWebhookConfiguration", "Certificate", "Issuer", "ServiceMonitor", "PodMonitor" }, kinds);
        Assert.Equal(2, (await Helm.TemplateAsync(Helm.EverythingOn)).Count(o => o["kind"]!.GetValue<string>() == "Service"));
    }

    [Fact]
    public void ChartCrds_Should_BeTheGeneratedCrds_When_TheChartIsPackaged()
    {
        var generated = Directory.GetFiles(RepoPaths.Crds, "ladder.dev_*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var charted = Directory.GetFiles(Path.Combine(RepoPaths.Chart, "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(3, generated.Count);
        Assert.True(generated.SequenceEqual(charted), $"charts/ladder/crds holds {string.Join(", ", charted)}; crds/ holds {string.Join(", ", generated)}");
        foreach (var file in generated)
        {
            Assert.True(File.ReadAllText(Path.Combine(RepoPaths.Crds, file!)) == File.ReadAllText(Path.Combine(RepoPaths.Chart, "crds", file!)),
                $"charts/ladder/crds/{file} differs from crds/{file}: run `make manifests`, which regenerates both");
        }
    }
}
