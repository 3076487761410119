using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>What a session that timed out says: the deadline it really had (an RTMP listener keeps a connection 5 s, an SRT listener the input timeout), and where that comes from.</summary>
public sealed class InputProblemTests
{
    private static readonly PipelineFailover Failover = new(Duration.FromSeconds(1), Duration.FromSeconds(10));

    [Theory]
    [InlineData(InputProtocol.Rtmp, "rtmp://127.0.0.1:1935/live/key", "no packet for 5 s from input 'main': the sender went silent without closing the connection, so the input is reopened (spec.failover.inputTimeout is 1 s; a connection is kept at least 5 s).")]
    [InlineData(InputProtocol.Srt, "srt://127.0.0.1:9000", "no packet for 1 s from input 'main': the sender went silent without closing the connection, so the input is reopened (spec.failover.inputTimeout).")]
    public void Explain_Should_NameTheDeadlineTheSessionHad_When_AListenerTimesOut(InputProtocol protocol, string url, string expected)
    {
        var settings = InputSettings.From(Specs.Input(url, protocol, InputMode.Listen) with { Name = "main" }, Failover);

        var message = InputProblem.Explain(new FFmpegTimeoutException($"av_read_frame(\"{url}\")", -1414092869, settings.SessionTimeout), settings, []);

        Assert.Equal(expected, message);
    }
}
