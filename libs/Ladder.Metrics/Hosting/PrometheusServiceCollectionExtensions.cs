using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ladder.Metrics.Hosting;

/// <summary>Registers a singleton <see cref="PrometheusCollector"/> in an <see cref="IServiceCollection"/>.</summary>
public static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>IMeterFactory</c> (<c>AddMetrics</c>) and one <see cref="PrometheusCollector"/> for the meters
    /// <paramref name="configure"/> selects, created when the host starts so that measurements taken before
    /// the first scrape are counted; a second call is ignored.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Selects meters by name or prefix and sets histogram buckets.</param>
    /// <returns><paramref name="services"/> for chaining.</returns>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, Action<PrometheusCollectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddMetrics();
        services.TryAddSingleton(_ =>
        {
            var options = new PrometheusCollectorOptions();
            configure(options);
            return new PrometheusCollector(options);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PrometheusCollectorActivator>());
        return services;
    }
}
