namespace Ladder.LibAv;

/// <summary>How <see cref="InputContext.Open(string, InputOptions?, CancellationToken)"/> opens an input.</summary>
public sealed record InputOptions
{
    /// <summary>Forces a demuxer by FFmpeg short name (e.g. "mpegts", "flv"); null probes the input.</summary>
    public string? Format { get; init; }

    /// <summary>Demuxer and protocol options, e.g. <c>fifo_size</c> for UDP or <c>rtsp_transport=tcp</c>.</summary>
    public MediaDictionary? Options { get; init; }

    /// <summary>Limit for opening and probing (connect, handshake, stream-info probing); default 10 s.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for each <see cref="InputContext.ReadPacket"/> call with no data arriving; default 5 s.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether to run <c>avformat_find_stream_info</c> after opening (needed for codec parameters of most live inputs); default true.</summary>
    public bool FindStreamInfo { get; init; } = true;
}
