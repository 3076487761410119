using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ladder.Runner.Tests.Support;

/// <summary>
/// The built <c>ladder-runner</c> running a tiny ladder (320x180 and 160x90, GOP 1 s, 2 s segments, HLS and DASH) on
/// one input, listening on 127.0.0.1 with a free port; SIGTERM on <see cref="StopAsync"/>, killed on dispose.
/// </summary>
internal sealed partial class RunnerProcess : IAsyncDisposable
{
    public const double SegmentSeconds = 2;
    public static readonly string[] Renditions = ["180p", "90p"];
    private readonly string _dir;

    private RunnerProcess(ExternalProcess process, string dir, Uri baseAddress)
    {
        Process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ExternalProcess Process { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>Starts the runner on an input given as a LiveStream <c>inputs[0]</c> entry (YAML flow mapping).</summary>
    public static Task<RunnerProcess> StartAsync(string input) => StartAsync([input], "{ inputTimeout: 2s }");

    /// <summary>
    /// Starts the runner on several inputs (priority order, YAML flow mappings) with a <c>failover</c> block (YAML flow
    /// mapping), after the YAML documents in <paramref name="documents"/> (e.g. the Secret an input's stream key comes from),
    /// with <paramref name="hls"/> as <c>outputs.hls</c> and <paramref name="dash"/> as <c>outputs.dash</c> (YAML flow mappings).
    /// </summary>
    public static async Task<RunnerProcess> StartAsync(string[] inputs, string failover, string? documents = null, string hls = "{ segmentDuration: 2s, window: 10 }",
        string dash = "{ enabled: true }")
    {
        var inputLines = string.Join("\n", inputs.Select(i => "    - " + i));
        var dir = Directory.CreateTempSubdirectory("ladder-runner-e2e-").FullName;
        var manifest = Path.Combine(dir, "e2e.yaml");
        await File.WriteAllTextAsync(manifest, (documents is null ? string.Empty : documents + "\n---\n") + $$"""
            apiVersion: ladder.dev/v1alpha1
            kind: LiveStream
            metadata: { name: e2e }
            spec:
              inputs:
            {{inputLines}}
              failover: {{failover}}
              profile:
                video:
                  codec: h264
                  preset: veryfast
                  gopSeconds: 1
                  renditions:
                    - { name: 180p, width: 320, height: 180, bitrate: 300k }
                    - { name: 90p, width: 160, height: 90, bitrate: 120k }
                audio: { codec: aac, bitrate: 64k, channels: 2, sampleRate: 48000 }
              outputs:
                hls: {{hls}}
                dash: {{dash}}
            """);
        var process = ExternalProcess.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "ladder-runner.dll"), "run", "-f", manifest, "--http", "127.0.0.1:0");
        try
        {
            var match = await process.WaitForOutputAsync(PlayerPage(), TimeSpan.FromSeconds(30));
            return new RunnerProcess(process, dir, new Uri(match.Groups[1].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public async Task<JsonElement> StatusAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/v1/status"));
        return doc.RootElement.Clone();
    }

    /// <summary>The first input reader's entry (<c>ingest/&lt;input&gt;</c>) of <c>/v1/status</c>.</summary>
    public async Task<JsonElement> IngestAsync() =>
        (await StatusAsync()).GetProperty("pipeline").GetProperty("stages").EnumerateArray().First(s => s.GetProperty("id").GetString()!.StartsWith("ingest/", StringComparison.Ordinal));

    /// <summary>Segments published per rendition (the packager's count), or 0 before the first.</summary>
    public async Task<long> SegmentsPublishedAsync(string track)
    {
        var status = await StatusAsync();
        return status.GetProperty("packager").GetProperty("tracks").EnumerateArray()
            .Where(t => t.GetProperty("id").GetString() == track)
            .Select(t => t.GetProperty("segmentsPublished").GetInt64()).FirstOrDefault();
    }

    /// <summary>Waits until every rendition and the audio have published at least <paramref name="count"/> more segments than <paramref name="after"/>.</summary>
    public async Task WaitForSegmentsAsync(long count, TimeSpan timeout, long after = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var counts = await Task.WhenAll(Renditions.Append("audio").Select(SegmentsPublishedAsync));
            if (counts.All(c => c >= after + count))
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"fewer than {after + count} segments per track after {timeout.TotalSeconds} s; status:\n{(await StatusAsync()).GetRawText()}\nrunner log:\n{Process.Output}");
    }

    /// <summary>Polls <paramref name="condition"/> on the ingest stage until it holds; fails with the status when it never does.</summary>
    public async Task<JsonElement> WaitForIngestAsync(Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement ingest;
        do
        {
            ingest = await IngestAsync();
            if (condition(ingest))
            {
                return ingest;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"the ingest stage never became {what} within {timeout.TotalSeconds} s; last: {ingest.GetRawText()}\nrunner log:\n{Process.Output}");
    }

    /// <summary>SIGTERM, then waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Process.Terminate();
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await ShutDownAsync(Process, _dir);
    }

    /// <summary>
    /// Ends a runner a test started: SIGTERM, up to 20 s to exit, then killed (dispose); deletes its directory
    /// <paramref name="dir"/>.
    /// </summary>
    internal static async Task ShutDownAsync(ExternalProcess process, string dir)
    {
        if (!process.HasExited)
        {
            process.Terminate();
            try
            {
                await process.WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                // Killed below.
            }
        }
        process.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>The line the runner prints once it serves: its HTTP base address on 127.0.0.1.</summary>
    [GeneratedRegex(@"Player page: (http://127\.0\.0\.1:\d+)/")]
    internal static partial Regex PlayerPage();
}
