using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>What a session that timed out says: the deadline it really had, and where that comes from.</summary>
public sealed class InputProblemTests
{
    private static readonly PipelineFailover Failover = new(Duration.FromSeconds(1), Duration.FromSeconds(10));

    [Fact]
    public void Explain_Should_NameTheFiveSecondsAConnectionIsKept_When_ARtmpListenerTimesOut()
    {
        var settings = InputSettings.From(Specs.Input("rtmp://127.0.0.1:1935/live/key", InputProtocol.Rtmp, InputMode.Listen) with { Name = "main" }, Failover);

        var message = InputProblem.Explain(new FFmpegTimeoutException("av_read_frame(\"rtmp://127.0.0.1:1935/live\")", -1414092869, settings.SessionTimeout), settings, []);

        Assert.Equal(
            "no packet for 5 s from input 'main': the sender went silent without closing the connection, so the input is reopened (spec.failover.inputTimeout is 1 s; a connection is kept at least 5 s).",
            message);
    }

    [Fact]
    public void Explain_Should_NameTheInputTimeout_When_AnSrtListenerTimesOut()
    {
        var settings = InputSettings.From(Specs.Input("srt://127.0.0.1:9000", InputProtocol.Srt, InputMode.Listen) with { Name = "main" }, Failover);

        var message = InputProblem.Explain(new FFmpegTimeoutException("av_read_frame(\"srt://127.0.0.1:9000\")", -1414092869, settings.SessionTimeout), settings, []);

        Assert.Equal(
            "no packet for 1 s from input 'main': the sender went silent without closing the connection, so the input is reopened (spec.failover.inputTimeout).",
            message);
    }
}
