using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

/// <summary><c>outputs.dash.lowLatency</c>: defaults, bounds, the chunks it shares with low-latency HLS, and how the resolved spec carries it.</summary>
public class LowLatencyDashTests
{
    private static PipelineSpec Resolve(string outputs) => OutputsResolution.Resolve(outputs);

    private static IReadOnlyList<string> Errors(string outputs) => OutputsResolution.Errors(outputs);

    [Fact]
    public void Resolve_Should_UseAThreeSecondTargetAndHalfASecondChunks_When_EnabledWithoutSettings()
    {
        var dash = Resolve("{dash: {lowLatency: {enabled: true}}}").Outputs.Dash;

        Assert.Equal(new PipelineDashLowLatency(Duration.FromSeconds(3), Duration.FromMilliseconds(500)), dash.LowLatency);
    }

    [Fact]
    public void Resolve_Should_CutDashChunksOnTheHlsParts_When_BothAreLowLatency()
    {
        var spec = Resolve("{hls: {segmentDuration: 2s, lowLatency: {enabled: true, partTargetDuration: 200ms}}, dash: {lowLatency: {enabled: true, targetLatency: 2s}}}");

        Assert.Equal(new PipelineDashLowLatency(Duration.FromSeconds(2), Duration.FromMilliseconds(200)), spec.Outputs.Dash.LowLatency);
        Assert.Contains("\"lowLatency\":{\"targetLatency\":\"2s\",\"chunkDuration\":\"200ms\"}", spec.ToJson(false), StringComparison.Ordinal);
        Assert.Equal(spec, PipelineSpec.FromJson(spec.ToJson(false)));
    }

    [Theory]
    [InlineData("{dash: {window: 4}}")]
    [InlineData("{dash: {lowLatency: {targetLatency: 2s}}}")]
    [InlineData("{dash: {enabled: false, lowLatency: {enabled: true}}}")]
    public void Resolve_Should_LeaveDashLowLatencyOutOfTheRunnerSpec_When_ItIsNotEnabled(string outputs)
    {
        var spec = Resolve(outputs);

        Assert.Null(spec.Outputs.Dash.LowLatency);
        Assert.DoesNotContain("lowLatency", spec.ToJson(false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{dash: {lowLatency: {enabled: true, targetLatency: 500ms}}}", "spec.outputs.dash.lowLatency.targetLatency: 500ms is out of range; use 1s to 30s")]
    [InlineData("{dash: {lowLatency: {enabled: true, chunkDuration: 50ms}}}", "spec.outputs.dash.lowLatency.chunkDuration: 50ms is out of range; use 100ms to 1s")]
    [InlineData("{hls: {segmentDuration: 1s}, dash: {lowLatency: {enabled: true, chunkDuration: 800ms}}}",
        "spec.outputs.dash.lowLatency.chunkDuration: 800ms is more than half the segment duration (1s); use at most 500ms")]
    [InlineData("{hls: {lowLatency: {enabled: true, partTargetDuration: 200ms}}, dash: {lowLatency: {enabled: true, chunkDuration: 300ms}}}",
        "spec.outputs.dash.lowLatency.chunkDuration: 300ms differs from hls.lowLatency.partTargetDuration (200ms); both are cut from the same CMAF chunks, so leave chunkDuration out or set it to 200ms")]
    public void Resolve_Should_NameTheField_When_DashLowLatencyCannotBeBuilt(string outputs, string expected)
    {
        Assert.Contains(expected, Errors(outputs));
    }

    [Fact]
    public void Validate_Should_NameTheFields_When_TheOutputsAreOutOfBounds()
    {
        var outputs = new OutputSpec
        {
            Hls = new HlsOutput { LowLatency = new HlsLowLatency { Enabled = true } },
            Dash = new DashOutput { LowLatency = new DashLowLatency { Enabled = true, TargetLatency = Duration.FromSeconds(40), ChunkDuration = Duration.FromMilliseconds(250) } },
        };

        Assert.Equal(
        [
            "Dash.LowLatency.TargetLatency: 40s is out of range; use 1s to 30s",
            "Dash.LowLatency.ChunkDuration: 250ms differs from hls.lowLatency.partTargetDuration (500ms); both are cut from the same CMAF chunks, so leave chunkDuration out or set it to 500ms",
        ], new OutputSpecValidator().Validate(outputs).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
    }

    [Fact]
    public void Validate_Should_RejectARunnerSpec_When_ItsChunksDoNotFitItsSegments()
    {
        var sample = PipelineSpecTests.Sample();
        var broken = sample with
        {
            Outputs = sample.Outputs with
            {
                Dash = sample.Outputs.Dash with { Enabled = true, LowLatency = new PipelineDashLowLatency(Duration.FromMilliseconds(500), Duration.FromSeconds(3)) },
            },
        };

        Assert.Equal(
        [
            "outputs.dash.lowLatency.targetLatency: 500ms is out of range; use 1s to 30s",
            "outputs.dash.lowLatency.chunkDuration: 3s is out of range; use 100ms to 1s",
        ], new PipelineSpecValidator().Validate(broken).ToFieldErrors().Select(e => e.ToString()));
    }
}
