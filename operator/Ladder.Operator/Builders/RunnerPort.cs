namespace Ladder.Operator.Builders;

/// <summary>One port of the runner pod and its Service.</summary>
/// <param name="Name">An IANA service name (at most 15 characters), e.g. <c>http</c>, <c>rtmp-1935</c>, <c>srt-9000</c>.</param>
/// <param name="Port">The port number.</param>
/// <param name="Protocol"><c>TCP</c> or <c>UDP</c>.</param>
internal sealed record RunnerPort(string Name, int Port, string Protocol);
