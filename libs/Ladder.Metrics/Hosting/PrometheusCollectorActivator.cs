using Microsoft.Extensions.Hosting;

namespace Ladder.Metrics.Hosting;

/// <summary>Creates the singleton <see cref="PrometheusCollector"/> when the host starts, before any scrape.</summary>
internal sealed class PrometheusCollectorActivator(PrometheusCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
