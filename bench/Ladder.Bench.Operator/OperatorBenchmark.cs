using System.Diagnostics;
using k8s.Models;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime.Controllers;
using Ladder.ControllerRuntime.Events;
using Ladder.ControllerRuntime.Metrics;
using Ladder.Kubernetes.Testing;
using Ladder.Operator.Controllers;
using Ladder.Operator.Hosting;
using Ladder.Operator.Metrics;
using Ladder.Operator.Runner;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ladder.Bench.Operator;

/// <summary>
/// The operator's controllers (composed as <c>OperatorHost</c> composes them: informers, the three controllers, the real
/// event recorder and metrics) against an in-process <see cref="FakeApiServer"/> and a <see cref="FleetRunner"/>:
/// create N LiveStreams, time until every one is Ready, count the API requests the operator made, then measure a
/// quiet period (nothing changes) and the memory held.
/// </summary>
internal static class OperatorBenchmark
{
    private const string Namespace = "bench";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    public static async Task<Figures> RunAsync(BenchSettings settings, TextWriter progress)
    {
        await using var api = await FakeApiServer.StartAsync(historyLimit: Math.Max(FakeApiServer.DefaultHistoryLimit, settings.Streams * 20)).ConfigureAwait(false);
        await using var runner = await FleetRunner.StartAsync(api).ConfigureAwait(false);
        using var kubernetes = api.CreateKubernetes();
        var clients = new OperatorClients(kubernetes);
        var secrets = new ObjectClient<V1Secret>(kubernetes);
        var profiles = new ObjectClient<TranscodeProfile>(kubernetes);
        var streams = new ObjectClient<LiveStream>(kubernetes);
        var metrics = Prometheus.Metrics.NewCustomRegistry();
        var runtimeMetrics = new ControllerRuntimeMetrics(metrics);
        var options = new OperatorOptions { RunnerImage = "ghcr.io/ladder-dev/pipeline-runner:bench", Workers = settings.Workers, StatusWait = TimeSpan.FromSeconds(settings.StatusWait) };
        var cache = new OperatorInformers(clients, null, TimeProvider.System, NullLogger.Instance, runtimeMetrics);
        await using var events = new EventRecorder(kubernetes, new EventRecorderOptions { ReportingController = "ladder.dev/ladder-operator", ReportingInstance = "bench" },
            TimeProvider.System, NullLogger<EventRecorder>.Instance, runtimeMetrics);
        using var manager = new ControllerManager();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // as the operator's: RunnerAdminClient sets each call's deadline
        OperatorControllers.AddTo(manager, cache, clients, new RunnerAdminClient(http, options.RunnerTimeout), runner, events, options, TimeProvider.System,
            NullLoggerFactory.Instance, runtimeMetrics, new OperatorMetrics(metrics));
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);
        foreach (var informer in new Func<CancellationToken, Task<bool>>[] { cache.Streams.WaitForCacheSyncAsync, cache.Secrets.WaitForCacheSyncAsync, cache.Deployments.WaitForCacheSyncAsync })
        {
            await informer(CancellationToken.None).ConfigureAwait(false);
        }

        var requestsBefore = api.RequestCounts;
        var clock = Stopwatch.StartNew();
        await secrets.CreateAsync(Namespace, new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "ingest" },
            Data = new Dictionary<string, byte[]> { ["key"] = "bench-stream-key"u8.ToArray() },
        }).ConfigureAwait(false);
        await profiles.CreateAsync(Namespace, Profile()).ConfigureAwait(false);
        var names = Enumerable.Range(0, settings.Streams).Select(i => $"stream-{i:D4}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
            await streams.CreateAsync(Namespace, Stream(name)).ConfigureAwait(false)).ConfigureAwait(false);
        var ownRequests = 2 + settings.Streams; // the bench's POSTs; everything else is the operator's
        var createTime = clock.Elapsed;
        progress.WriteLine($"created {settings.Streams} LiveStreams in {createTime.TotalSeconds:0.00} s; waiting until all are Ready");

        var pending = new HashSet<string>(names, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"{pending.Count} of {settings.Streams} streams not Ready after {ReadyTimeout}, e.g. {pending.First()}");
            }

            pending.RemoveWhere(name => IsReady(api, name));
            await Task.Delay(50).ConfigureAwait(false);
        }

        var timeToReady = clock.Elapsed;
        var requestsAtReady = api.RequestCounts;
        var runnerAtReady = runner.StatusCalls;
        var byVerb = requestsAtReady.ToDictionary(p => p.Key, p => p.Value - requestsBefore.GetValueOrDefault(p.Key), StringComparer.Ordinal);
        byVerb["POST"] -= ownRequests;
        progress.WriteLine($"all Ready after {timeToReady.TotalSeconds:0.00} s; measuring {settings.IdleSeconds} s with nothing changing");

        // Let the last status writes and events land, then measure a quiet period.
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var idleRequestsBefore = api.TotalRequests;
        var idleRunnerBefore = runner.StatusCalls;
        await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds)).ConfigureAwait(false);
        process.Refresh();
        var idleCpu = process.TotalProcessorTime - cpuBefore;
        var idleRequests = api.TotalRequests - idleRequestsBefore;
        var idleRunner = runner.StatusCalls - idleRunnerBefore;

        var managedLive = GC.GetTotalMemory(forceFullCollection: true);
        var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        process.Refresh();
        var rss = process.WorkingSet64;

        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return new Figures
        {
            Streams = settings.Streams,
            Workers = settings.Workers,
            CreateTime = createTime,
            TimeToAllReady = timeToReady,
            OperatorRequests = byVerb.Values.Sum(),
            RequestsByVerb = byVerb.Where(p => p.Value != 0).ToDictionary(StringComparer.Ordinal),
            RunnerCallsToReady = runnerAtReady,
            IdleSeconds = settings.IdleSeconds,
            IdleCpu = idleCpu,
            IdleRequests = idleRequests,
            IdleRunnerCalls = idleRunner,
            GcHeapBytes = heap,
            ManagedLiveBytes = managedLive,
            RssBytes = rss,
        };
    }

    private static bool IsReady(FakeApiServer api, string name) =>
        api.Get<LiveStream>(Namespace, name)?["status"]?["conditions"]?.AsArray()
            .Any(c => c?["type"]?.GetValue<string>() == ConditionTypes.Ready && c["status"]?.GetValue<string>() == "True") == true;

    private static TranscodeProfile Profile() => new()
    {
        Metadata = new V1ObjectMeta { Name = "hd" },
        Spec = new TranscodeProfileSpec
        {
            Video = new VideoSpec
            {
                Renditions =
                [
                    new Rendition { Name = "1080p", Width = 1920, Height = 1080, Bitrate = Bitrate.Parse("5M") },
                    new Rendition { Name = "720p", Width = 1280, Height = 720, Bitrate = Bitrate.Parse("2800k") },
                    new Rendition { Name = "360p", Width = 640, Height = 360, Bitrate = Bitrate.Parse("800k") },
                ],
            },
        },
    };

    private static LiveStream Stream(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new LiveStreamSpec
        {
            ProfileRef = new LocalObjectReference { Name = "hd" },
            Inputs =
            [
                new StreamInput
                {
                    Name = "main",
                    Url = "rtmp://0.0.0.0:1935/live",
                    StreamKey = new SecretValueSource { SecretKeyRef = new SecretKeySelector { Name = "ingest", Key = "key" } },
                },
            ],
        },
    };
}
