namespace Ladder.LibAv;

/// <summary>How <see cref="Decoder.Create(StreamInfo, DecoderOptions)"/> and <see cref="Decoder.Create(CodecParameters, Rational, DecoderOptions)"/> open a decoder.</summary>
public sealed record DecoderOptions
{
    /// <summary>A decoder by FFmpeg name (e.g. "h264_cuvid"); null picks FFmpeg's default for the stream's codec.</summary>
    public string? CodecName { get; init; }

    /// <summary>Decoding threads; 0 lets FFmpeg choose from the CPU count.</summary>
    public int Threads { get; init; }

    /// <summary>Decoder options (<c>avcodec_open2</c>'s dictionary).</summary>
    public MediaDictionary? Options { get; init; }

    /// <summary>A hardware device to decode on (sets <c>hw_device_ctx</c>); frames then come out as hardware surfaces.</summary>
    public HardwareDevice? HardwareDevice { get; init; }
}
