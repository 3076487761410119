using Ladder.Api.Runner;

namespace Ladder.Api.Tests;

public sealed class RunnerStatusETagTests
{
    private static RunnerStatus Status(string active = "main", long bitrate = 2_000_000, bool degraded = false) => new()
    {
        PipelineGeneration = 3,
        Phase = RunnerPhase.Running,
        ActiveInput = active,
        Inputs = [new RunnerInputStatus { Name = "main", Healthy = true, Active = active == "main", LastPacketTime = DateTimeOffset.UtcNow, Bitrate = bitrate }],
        Renditions = [new RunnerRenditionStatus { Name = "720p", Width = 1280, Height = 720, Bitrate = bitrate, Fps = 29.97, TargetBitrate = 2_500_000, Published = true, Degraded = degraded }],
    };

    [Fact]
    public void Compute_Should_StayTheSame_When_OnlyMeasurementsMove()
    {
        Assert.Equal(RunnerStatusETag.Compute(Status(bitrate: 2_000_000)), RunnerStatusETag.Compute(Status(bitrate: 2_345_678) with { }));
    }

    [Fact]
    public void Compute_Should_Change_When_TheStateChanges()
    {
        var tag = RunnerStatusETag.Compute(Status());

        Assert.NotEqual(tag, RunnerStatusETag.Compute(Status(active: "backup")));
        Assert.NotEqual(tag, RunnerStatusETag.Compute(Status(degraded: true)));
        Assert.NotEqual(tag, RunnerStatusETag.Compute(Status() with { Inputs = [new RunnerInputStatus { Name = "main", Healthy = false }] }));
        Assert.NotEqual(tag, RunnerStatusETag.Compute(Status() with { StartedAt = DateTimeOffset.UnixEpoch }));
        Assert.StartsWith("W/\"", tag, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("wait=3600", RunnerAdminApi.MaxStatusWaitSeconds)]
    [InlineData("wait=0", null)]
    [InlineData("wait=-1", null)]
    [InlineData("wait=soon", null)]
    [InlineData("return=minimal", null)]
    public void ParseWaitPreference_Should_ReadRfc7240Wait(string header, int? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, RunnerAdminApi.ParseWaitPreference([header]));
    }
}
