using Ladder.Metrics.Collection;
using Ladder.Metrics.Exposition;

namespace Ladder.Metrics.Tests.Exposition;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", "Histogram", "http_server_request_duration_seconds")]
    [InlineData("segment.bytes", "By", "Counter", "segment_bytes_total")]
    [InlineData("segment.size", "By", "Counter", "segment_size_bytes_total")]
    [InlineData("reconcile.total", null, "Counter", "reconcile_total")]
    [InlineData("reconcile.time_total", "s", "Counter", "reconcile_time_seconds_total")]
    [InlineData("cpu.utilization", "1", "ObservableGauge", "cpu_utilization_ratio")]
    [InlineData("frames", "1", "Counter", "frames_total")]
    [InlineData("frames", "{frame}", "Counter", "frames_total")]
    [InlineData("throughput", "By/s", "Gauge", "throughput_bytes_per_second")]
    [InlineData("requests.rate", "{request}/s", "Gauge", "requests_rate_per_second")]
    [InlineData("9lives-and..dots", "ms", "UpDownCounter", "_9lives_and_dots_milliseconds")]
    public void MetricName_Should_FollowOpenTelemetryConventions(string name, string? unit, string kind, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, Enum.Parse<InstrumentKind>(kind)));

    [Theory]
    [InlineData("result", "result")]
    [InlineData("k8s.namespace", "k8s_namespace")]
    [InlineData("1st", "_1st")]
    [InlineData("a-b/c", "a_b_c")]
    public void LabelName_Should_Sanitize_When_TagKeyHasInvalidCharacters(string key, string expected) =>
        Assert.Equal(expected, PrometheusNaming.LabelName(key));
}
