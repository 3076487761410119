using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ladder.Runner.Tests.Support;

namespace Ladder.Operator.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's <c>/usr/bin/prometheus</c>, apt package prometheus) on a temp directory and a free
/// loopback port, scraping static targets every second; queried through its HTTP API (<c>/api/v1/query</c>). Killed and
/// its directory deleted on dispose.
/// </summary>
internal sealed partial class PrometheusServer : IDisposable
{
    /// <summary>Where Debian installs the server.</summary>
    public const string Binary = "/usr/bin/prometheus";

    private readonly string _dir;

    private PrometheusServer(ExternalProcess process, string dir, Uri address)
    {
        Process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The server's process, whose output goes into failure messages.</summary>
    public ExternalProcess Process { get; }

    /// <summary>A client on the server's base address.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (job name, <c>host:port</c>, path) every second and waits until it is ready.</summary>
    /// <exception cref="InvalidOperationException">Prometheus is not installed.</exception>
    /// <exception cref="TimeoutException">It did not turn ready within 30 s.</exception>
    public static async Task<PrometheusServer> StartAsync(params (string Job, string Target, string Path)[] targets)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the apt package prometheus (bash hack/install-deps.sh)");
        }

        var dir = Directory.CreateTempSubdirectory("ladder-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        var jobs = string.Concat(targets.Select(t => $"""

              - job_name: {t.Job}
                metrics_path: {t.Path}
                static_configs:
                  - targets: ["{t.Target}"]
                    labels: {"{"} namespace: media, pod: {t.Job}-0 {"}"}
            """));
        await File.WriteAllTextAsync(config, "global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:" + jobs + "\n");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = ExternalProcess.Start(Binary, "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            "--web.listen-address=" + address.Authority, "--log.level=warn");
        var server = new PrometheusServer(process, dir, address);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!await server.ReadyAsync())
            {
                if (DateTime.UtcNow > deadline || process.HasExited)
                {
                    throw new TimeoutException($"Prometheus did not turn ready within 30 s:\n{process.Output}");
                }

                await Task.Delay(200);
            }

            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Evaluates <paramref name="promQl"/> now (instant query); the series of its vector result.</summary>
    /// <exception cref="InvalidOperationException">Prometheus refused the expression (the error it gave is in the message).</exception>
    public async Task<IReadOnlyList<Series>> QueryAsync(string promQl)
    {
        using var response = await Http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promQl));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused `{promQl}`: {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() == "vector"
            ? [.. data.GetProperty("result").EnumerateArray().Select(r => new Series(
                r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
                double.Parse(r.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)))]
            : throw new InvalidOperationException($"`{promQl}` gave a {data.GetProperty("resultType").GetString()}, not an instant vector");
    }

    /// <summary>
    /// A Grafana dashboard expression as Prometheus can run it: <c>$__rate_interval</c> becomes <c>1m</c> (at least four
    /// 1 s scrapes, as Grafana would pick) and any other <c>$variable</c> a regex matching every value.
    /// </summary>
    public static string FromGrafana(string expression) =>
        GrafanaVariable().Replace(expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal), ".+");

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex GrafanaVariable();

    /// <summary>One series of a query result: its labels and its value.</summary>
    internal sealed record Series(IReadOnlyDictionary<string, string> Labels, double Value);
}
