using System.Text.Json;
using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>One push target, fully resolved.</summary>
/// <param name="Name">Target name.</param>
/// <param name="Protocol">rtmp, rtmps, srt or udp.</param>
/// <param name="Url">The URL libavformat opens; for RTMP(S) it ends with the stream key.</param>
/// <param name="Rendition">Name of the rendition pushed.</param>
/// <param name="Options">libavformat options (non-secret), e.g. SRT latency in µs, UDP ttl.</param>
public sealed record PipelinePushTarget(string Name, PushProtocol Protocol, string Url, string Rendition, ValueMap Options)
{
    /// <summary>True when <see cref="Rendition"/> is the passthrough rendition (source copied).</summary>
    public bool Passthrough { get; init; }

    /// <summary>The resolved stream key (RTMP: also the last path segment of <see cref="Url"/>; SRT: the streamid option).</summary>
    public string? StreamKey { get; init; }

    /// <summary>The resolved SRT passphrase.</summary>
    public string? Passphrase { get; init; }

    /// <summary>A copy with <see cref="StreamKey"/> and <see cref="Passphrase"/> masked, in the URL too.</summary>
    public PipelinePushTarget Redact() => this with
    {
        Url = PipelineJson.MaskIn(Url, StreamKey),
        StreamKey = StreamKey is null ? null : PipelineJson.Mask,
        Passphrase = Passphrase is null ? null : PipelineJson.Mask,
    };

    /// <summary>Redacted JSON.</summary>
    public override string ToString() => JsonSerializer.Serialize(Redact(), PipelineJson.Options(false));
}
