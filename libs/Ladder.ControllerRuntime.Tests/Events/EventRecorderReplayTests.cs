using k8s.Models;
using Ladder.ControllerRuntime.Errors;
using Ladder.ControllerRuntime.Events;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes.Testing;
using Ladder.TestSupport;
using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Tests.Events;

/// <summary>The recorder against recorded kube-apiserver v1.26 exchanges 54 (create) and 55 (422 without eventTime).</summary>
public sealed class EventRecorderReplayTests
{
    private static readonly DateTimeOffset RecordedTime = new DateTimeOffset(2026, 11, 21, 10, 5, 50, TimeSpan.Zero).AddTicks(1_234_560);

    private static readonly EventRecorderOptions Options = new() { ReportingController = "example.com/widget-controller", ReportingInstance = "widget-controller-0" };

    private static Widget W1() => new()
    {
        ApiVersion = "example.com/v1alpha1",
        Kind = "Widget",
        Metadata = new V1ObjectMeta { Name = "w1", NamespaceProperty = "demo", Uid = "5fc7d7a5-4cc8-4128-8a76-bb3ceab982b5" },
    };

    [Fact]
    public async Task Record_Should_PostEventsV1EventWithMicroTimeAndRegarding_When_FirstOccurrence()
    {
        await using var server = await ApiReplayServer.StartAsync("54-create-event");
        using var kubernetes = server.CreateKubernetes();
        await using var recorder = new EventRecorder(kubernetes, Options, new FakeClock(RecordedTime)) { NameSuffix = _ => "widget-ready" };

        recorder.Record(W1(), EventType.Normal, "Ready", "Reconcile", "Widget w1 is ready");
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(server.Mismatches);
        Assert.Equal(["54-create-event"], server.Requests.Select(r => r.Fixture));
        Assert.Equal(0, recorder.DroppedEvents);
    }

    [Fact]
    public async Task Record_Should_LogCauseAndCountDrop_When_ServerAnswers422()
    {
        await using var server = await ApiReplayServer.StartAsync();
        server.Script("55-create-event-invalid (response)", r => r.Method == "POST", ReplayAnswers.ResponseOf("55-create-event-invalid"));
        using var kubernetes = server.CreateKubernetes();
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        var logger = new ListLogger();
        await using var recorder = new EventRecorder(kubernetes, Options, new FakeClock(RecordedTime), logger, new ControllerRuntimeMetrics(metrics));

        var record = () => recorder.Record(W1(), EventType.Normal, "Ready", "Reconcile", "missing eventTime");
        var thrown = Record.Exception(record);
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(thrown);
        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("eventTime: Required value", entry.Message, StringComparison.Ordinal);
        Assert.True(Assert.IsType<ApiStatusException>(entry.Error).IsInvalid);
        Assert.Equal(1, recorder.DroppedEvents);
        Assert.Equal(1, (await PrometheusSamples.ScrapeAsync(metrics)).Value("events_dropped_total", ("controller", "example.com/widget-controller")));
    }
}
