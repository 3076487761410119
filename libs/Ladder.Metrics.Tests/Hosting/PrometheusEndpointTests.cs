using System.Diagnostics.Metrics;
using Ladder.Metrics.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ladder.Metrics.Tests.Hosting;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task MapPrometheusMetrics_Should_ServeExpositionWithVersionedContentType_When_Scraped()
    {
        var meterName = "Ladder.Endpoint." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddPrometheusMetrics(o => o.AddMeter(meterName));
        await using var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create(meterName);
        meter.CreateCounter<int>("scrapes", description: "Scrapes.").Add(1);

        using var response = await app.GetTestClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("# HELP scrapes_total Scrapes.\n# TYPE scrapes_total counter\nscrapes_total 1\n", await response.Content.ReadAsStringAsync());
    }
}
