namespace Ladder.LibAv;

/// <summary>How <see cref="OutputContext.Create(string, OutputOptions, CancellationToken)"/> opens an output.</summary>
public sealed record OutputOptions
{
    /// <summary>The muxer's FFmpeg name ("mpegts", "mp4", "flv"...); null guesses from the URL.</summary>
    public string? Format { get; init; }

    /// <summary>Protocol options for <c>avio_open2</c>, e.g. <c>send_buffer_size</c> for TCP or <c>latency</c> for SRT.</summary>
    public MediaDictionary? Options { get; init; }

    /// <summary>Limit for opening the target (connect, RTMP/SRT handshake); default 10 s.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Limit for a write call (header, packet, flush, trailer) during which no bytes go out; default 5 s. A call that
    /// keeps making progress is not interrupted however long it takes, so this catches a peer that stopped reading.
    /// </summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
