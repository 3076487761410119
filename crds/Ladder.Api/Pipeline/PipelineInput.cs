using System.Text.Json;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>One input, fully resolved.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Protocol">Protocol from the URL scheme.</param>
/// <param name="Mode">pull or listen.</param>
/// <param name="Url">The URL libavformat opens; for RTMP it ends with the stream key when one is set.</param>
/// <param name="Options">libavformat options (non-secret), e.g. listen=1, mode=listener, latency (µs).</param>
public sealed record PipelineInput(string Name, InputProtocol Protocol, InputMode Mode, string Url, ValueMap Options)
{
    /// <summary>The resolved stream key (RTMP: also the last path segment of <see cref="Url"/>; SRT: the streamid option).</summary>
    public string? StreamKey { get; init; }

    /// <summary>The resolved SRT passphrase (the passphrase option).</summary>
    public string? Passphrase { get; init; }

    /// <summary>A copy with <see cref="StreamKey"/> and <see cref="Passphrase"/> masked, in the URL too.</summary>
    public PipelineInput Redact() => this with
    {
        Url = PipelineJson.MaskIn(Url, StreamKey),
        StreamKey = StreamKey is null ? null : PipelineJson.Mask,
        Passphrase = Passphrase is null ? null : PipelineJson.Mask,
    };

    /// <summary>Redacted JSON.</summary>
    public override string ToString() => JsonSerializer.Serialize(Redact(), PipelineJson.Options(false));
}
