using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

/// <summary><c>outputs.hls.lowLatency</c>: defaults, bounds and how the resolved spec carries it to the runner.</summary>
public class LowLatencyHlsTests
{
    private static PipelineSpec Resolve(string hls) => OutputsResolution.Resolve($"{{hls: {hls}}}");

    private static IReadOnlyList<string> Errors(string hls) => OutputsResolution.Errors($"{{hls: {hls}}}");

    [Fact]
    public void Resolve_Should_UseHalfASecondParts_When_LowLatencyIsEnabledWithoutADuration()
    {
        var hls = Resolve("{lowLatency: {enabled: true}}").Outputs.Hls;

        Assert.Equal(new PipelineHlsLowLatency(Duration.FromMilliseconds(500)), hls.LowLatency);
    }

    [Fact]
    public void Resolve_Should_CarryThePartTargetDuration_When_ItIsSet()
    {
        var spec = Resolve("{segmentDuration: 2s, lowLatency: {enabled: true, partTargetDuration: 200ms}}");

        Assert.Equal(Duration.FromMilliseconds(200), spec.Outputs.Hls.LowLatency?.PartTargetDuration);
        Assert.Contains("\"lowLatency\":{\"partTargetDuration\":\"200ms\"}", spec.ToJson(false), StringComparison.Ordinal);
        Assert.Equal(spec, PipelineSpec.FromJson(spec.ToJson(false)));
    }

    [Theory]
    [InlineData("{window: 4}")]
    [InlineData("{lowLatency: {partTargetDuration: 200ms}}")]
    [InlineData("{lowLatency: {enabled: false}}")]
    public void Resolve_Should_LeaveLowLatencyOutOfTheRunnerSpec_When_ItIsNotEnabled(string hls)
    {
        var spec = Resolve(hls);

        Assert.Null(spec.Outputs.Hls.LowLatency);
        Assert.DoesNotContain("lowLatency", spec.ToJson(false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{lowLatency: {enabled: true, partTargetDuration: 50ms}}", "spec.outputs.hls.lowLatency.partTargetDuration: 50ms is out of range; use 100ms to 1s")]
    [InlineData("{lowLatency: {enabled: true, partTargetDuration: 2s}}", "spec.outputs.hls.lowLatency.partTargetDuration: 2s is out of range; use 100ms to 1s")]
    [InlineData("{container: ts, lowLatency: {enabled: true}}", "spec.outputs.hls.lowLatency: low-latency parts are CMAF chunks; set outputs.hls.container to fmp4")]
    public void Resolve_Should_NameTheField_When_LowLatencyCannotBeBuilt(string hls, string expected)
    {
        Assert.Contains(expected, Errors(hls));
    }

    [Theory]
    [InlineData(100, 1000, null)]
    [InlineData(500, 1000, null)]
    [InlineData(1000, 2000, null)]
    [InlineData(600, 1000, "600ms is more than half the segment duration (1s); use at most 500ms")]
    [InlineData(99, 4000, "99ms is out of range; use 100ms to 1s")]
    [InlineData(1001, 4000, "1.001s is out of range; use 100ms to 1s")]
    public void CheckPartTargetDuration_Should_AcceptOnlyPartsOfAtMostHalfASegment_When_Checked(int partMs, int segmentMs, string? expected)
    {
        Assert.Equal(expected, SpecRules.CheckPartTargetDuration(Duration.FromMilliseconds(partMs), Duration.FromMilliseconds(segmentMs)));
    }

    [Fact]
    public void Validate_Should_RejectARunnerSpec_When_ItsPartsDoNotFitItsSegments()
    {
        var sample = PipelineSpecTests.Sample();
        var broken = sample with
        {
            Outputs = sample.Outputs with
            {
                Hls = sample.Outputs.Hls with { Container = HlsContainer.Ts, LowLatency = new PipelineHlsLowLatency(Duration.FromSeconds(3)) },
            },
        };

        Assert.Equal(
        [
            "outputs.hls.lowLatency.partTargetDuration: 3s is out of range; use 100ms to 1s",
            "outputs.hls.lowLatency: low-latency parts are CMAF chunks; set container to fmp4",
        ], new PipelineSpecValidator().Validate(broken).ToFieldErrors().Select(e => e.ToString()));
    }
}
