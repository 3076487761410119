using System.Text.Json.Nodes;
using k8s;
using Ladder.ControllerRuntime.Events;
using Ladder.ControllerRuntime.Metrics;
using Ladder.ControllerRuntime.Tests.Support;
using Ladder.ControllerRuntime.Tests.Time;
using Ladder.Kubernetes.Testing;
using Ladder.TestSupport;

namespace Ladder.ControllerRuntime.Tests.Events;

/// <summary>
/// Series aggregation and overflow, which no recording covers. The fake clock starts at a whole second: KubernetesClient
/// would write that MicroTime as <c>...:00Z</c>, which kube-apiserver refuses; the stored text shows six digits.
/// </summary>
public sealed class EventRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventRecorderOptions Options = new() { ReportingController = "ladder.dev/livestream-controller", ReportingInstance = "ladder-0" };

    private static string Micro(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Record_Should_PatchOneEventsSeries_When_SameEventRepeatsWithinSixMinutes()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var kubernetes = server.CreateKubernetes();
        var clock = new FakeClock(T0);
        await using var recorder = new EventRecorder(kubernetes, Options, clock);
        var stream = Widget.Create("cam-1", resourceVersion: "10");

        recorder.Record(stream, EventType.Warning, "InputLost", "Reconcile", "rtmp input stalled");
        await recorder.FlushAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        stream.Metadata.ResourceVersion = "11"; // a status write in between does not break the series
        recorder.Record(stream, EventType.Warning, "InputLost", "Reconcile", "rtmp input stalled");
        await recorder.FlushAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        recorder.Record(stream, EventType.Warning, "InputLost", "Reconcile", "rtmp input stalled");
        recorder.Record(stream, EventType.Warning, "InputLost", "Reconcile", "srt input stalled");
        await recorder.FlushAsync();
        clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));
        recorder.Record(stream, EventType.Warning, "InputLost", "Reconcile", "rtmp input stalled");
        await recorder.FlushAsync();

        var stored = (await kubernetes.EventsV1.ListNamespacedEventAsync("demo")).Items.OrderBy(e => e.EventTime).ThenBy(e => e.Note).ToList();
        Assert.Equal(3, stored.Count);
        var series = stored[0];
        Assert.Equal(("rtmp input stalled", 3), (series.Note, series.Series?.Count));
        Assert.Equal(T0.UtcDateTime, series.EventTime);
        Assert.Equal((T0 + TimeSpan.FromMinutes(6)).UtcDateTime, series.Series!.LastObservedTime);
        Assert.Equal(("srt input stalled", null), (stored[1].Note, stored[1].Series));
        Assert.Equal(("rtmp input stalled", null, (T0 + TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(1)).UtcDateTime), (stored[2].Note, stored[2].Series, stored[2].EventTime));
        Assert.All(stored, e =>
        {
            Assert.StartsWith("cam-1.", e.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal(("ladder.dev/livestream-controller", "ladder-0", "Warning", "InputLost", "Reconcile"), (e.ReportingController, e.ReportingInstance, e.Type, e.Reason, e.Action));
            Assert.Equal(("example.com/v1alpha1", "Widget", "demo", "cam-1", "uid-cam-1"), (e.Regarding!.ApiVersion, e.Regarding.Kind, e.Regarding.NamespaceProperty, e.Regarding.Name, e.Regarding.Uid));
        });
        Assert.Equal("10", stored[0].Regarding!.ResourceVersion);
        var raw = server.Get<k8s.Models.Eventsv1Event>("demo", series.Metadata.Name!)!;
        Assert.Equal(Micro(T0), raw["eventTime"]!.GetValue<string>());
        Assert.Equal(new JsonObject { ["count"] = 3, ["lastObservedTime"] = Micro(T0 + TimeSpan.FromMinutes(6)) }.ToJsonString(), raw["series"]!.ToJsonString());
        Assert.Equal(0, recorder.DroppedEvents);
    }

    [Fact]
    public async Task Record_Should_NeverBlockAndCountDrops_When_QueueIsFull()
    {
        await using var server = await ApiReplayServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 3; i++)
        {
            server.Script("slow-create", r => r.Method == "POST", async context =>
            {
                await release.Task;
                await ReplayAnswers.ResponseOf("54-create-event")(context);
            });
        }

        using var kubernetes = server.CreateKubernetes();
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        await using var recorder = new EventRecorder(kubernetes, Options with { QueueCapacity = 2 }, metrics: new ControllerRuntimeMetrics(metrics));
        var stream = Widget.Create("cam-1");

        recorder.Record(stream, EventType.Normal, "Started", "Reconcile", "event 0");
        await Eventually.WaitUntil(() => server.Requests.Count == 1, "the writer is busy with the first event");
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= 4; i++)
        {
            recorder.Record(stream, EventType.Normal, "Started", "Reconcile", $"event {i}");
        }

        var recordTime = started.Elapsed;
        Assert.Equal(2, recorder.DroppedEvents);
        Assert.Equal(2, (await PrometheusSamples.ScrapeAsync(metrics)).Value("events_dropped_total", ("controller", "ladder.dev/livestream-controller")));
        Assert.True(recordTime < TimeSpan.FromSeconds(1), $"Record blocked for {recordTime}");
        release.SetResult();
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, server.Requests.Count);
        Assert.Empty(server.Mismatches);
        Assert.Equal(2, recorder.DroppedEvents);
    }
}
