using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ladder.Metrics.Hosting;

/// <summary>Serves the <see cref="PrometheusCollector"/> exposition over HTTP.</summary>
public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to the text exposition of the registered
    /// <see cref="PrometheusCollector"/>, with content type <c>text/plain; version=0.0.4; charset=utf-8</c>.
    /// </summary>
    /// <param name="endpoints">The route builder, e.g. a <c>WebApplication</c>.</param>
    /// <param name="pattern">The route, <c>/metrics</c> by default.</param>
    /// <returns>The endpoint convention builder, e.g. to add authorization.</returns>
    /// <exception cref="InvalidOperationException">On a request, when <c>AddPrometheusMetrics</c> was not called.</exception>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, static async context =>
        {
            var collector = context.RequestServices.GetService<PrometheusCollector>()
                ?? throw new InvalidOperationException("No PrometheusCollector is registered: call services.AddPrometheusMetrics(...) before MapPrometheusMetrics.");
            var body = Encoding.UTF8.GetBytes(collector.Collect());
            context.Response.ContentType = PrometheusCollector.ContentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
