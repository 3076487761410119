using System.Text.Json.Nodes;
using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;
using Ladder.Operator.Hosting;
using Ladder.Operator.Tests.Support;
using Ladder.Operator.Webhooks;

namespace Ladder.Operator.Tests.Chart;

public sealed class ChartDeploymentTests
{
    private static JsonNode PodSpec(List<JsonObject> objects) => Helm.Single(objects, "Deployment")["spec"]!["template"]!["spec"]!;

    private static List<string> Args(JsonNode pod) => [.. pod["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>())];

    [Fact]
    public async Task Deployment_Should_RunNonRootWithAReadOnlyRootFilesystem()
    {
        var pod = PodSpec(await Helm.TemplateAsync());
        var container = pod["containers"]![0]!;

        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.NotEqual(0L, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/tmp");
        Assert.NotNull(container["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
    }

    [Fact]
    public async Task Deployment_Should_ProbeHealthzAndReadyz_OnTheHealthPort()
    {
        var container = PodSpec(await Helm.TemplateAsync())["containers"]![0]!;
        var health = container["ports"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "health")!["containerPort"]!.GetValue<long>();

        Assert.Equal(("/healthz", "health"), (container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal(("/readyz", "health"), (container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Contains($":{health}", Args(PodSpec(await Helm.TemplateAsync())));
    }

    [Fact]
    public async Task Deployment_Should_PassArgsTheOperatorParses_WithLeaderElectionAndRunnerImage()
    {
        foreach (var values in new[] { Array.Empty<string>(), [.. Helm.EverythingOn, "watchNamespace=media"] })
        {
            var args = Args(PodSpec(await Helm.TemplateAsync(values)));
            var parsed = OperatorCommand.Create().Parse([.. args]);

            Assert.Empty(parsed.Errors);
            Assert.Contains("--leader-elect", args);
            Assert.Equal("ghcr.io/ladder-dev/pipeline-runner:0.1.0", args[args.IndexOf("--runner-image") + 1]);
        }

        var withWebhook = Args(PodSpec(await Helm.TemplateAsync(Helm.EverythingOn)));
        Assert.Contains("--webhook-cert-dir", withWebhook);
    }

    [Fact]
    public async Task Webhook_Should_PointEachKindAtTheOperatorsPath_WithACertManagerCertificate()
    {
        var objects = await Helm.TemplateAsync(Helm.EverythingOn);
        var configuration = Helm.Single(objects, "ValidatingWebhookConfiguration");
        var certificate = Helm.Single(objects, "Certificate");
        var service = Helm.Single(objects, "Service", certificate["metadata"]!["name"]!.GetValue<string>());

        var paths = configuration["webhooks"]!.AsArray().Select(w => w!["clientConfig"]!["service"]!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "livestream", "template", "transcodeprofile" }.Select(ValidatingWebhook.PathFor), paths);
        Assert.Equal("ladder-system/" + certificate["metadata"]!["name"]!.GetValue<string>(), configuration["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]!.GetValue<string>());
        Assert.Equal("webhook", service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());
        var volume = PodSpec(objects)["volumes"]!.AsArray().Single(v => v!["secret"] is not null)!;
        Assert.Equal(certificate["spec"]!["secretName"]!.GetValue<string>(), volume["secret"]!["secretName"]!.GetValue<string>());
        Assert.Equal((long)new HostSettings().WebhookPort, PodSpec(objects)["containers"]![0]!["ports"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "webhook")!["containerPort"]!.GetValue<long>());
    }

    [Fact]
    public async Task PodMonitor_Should_SelectRunnerPodsByTheirLabels_AndScrapeTheirHttpPort()
    {
        var monitor = Helm.Single(await Helm.TemplateAsync(Helm.EverythingOn), "PodMonitor");
        var runnerLabels = RunnerLabels.Labels(new LiveStream { Metadata = new() { Name = "news" } });

        foreach (var (label, value) in monitor["spec"]!["selector"]!["matchLabels"]!.AsObject())
        {
            Assert.Equal(runnerLabels[label], value!.GetValue<string>());
        }

        var endpoint = monitor["spec"]!["podMetricsEndpoints"]![0]!;
        Assert.Equal((RunnerPorts.HttpPortName, RunnerAdminApi.MetricsPath), (endpoint["port"]!.GetValue<string>(), endpoint["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ServiceMonitor_Should_ScrapeTheMetricsService()
    {
        var objects = await Helm.TemplateAsync(Helm.EverythingOn);
        var monitor = Helm.Single(objects, "ServiceMonitor");
        var service = objects.Single(o => o["kind"]!.GetValue<string>() == "Service" && o["spec"]!["ports"]![0]!["name"]!.GetValue<string>() == "metrics");

        foreach (var (label, value) in monitor["spec"]!["selector"]!["matchLabels"]!.AsObject())
        {
            Assert.Equal(service["metadata"]!["labels"]![label]!.GetValue<string>(), value!.GetValue<string>());
        }

        Assert.Equal("metrics", monitor["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_Should_BeAConfigMapTheGrafanaSidecarPicksUp()
    {
        var map = Helm.Single(await Helm.TemplateAsync(), "ConfigMap");

        Assert.Equal("1", map["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>());
        Assert.Equal("ladder-overview", JsonNode.Parse(map["data"]!["ladder.json"]!.GetValue<string>())!["uid"]!.GetValue<string>());
    }
}
