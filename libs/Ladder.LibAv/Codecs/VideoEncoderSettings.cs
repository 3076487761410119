namespace Ladder.LibAv;

/// <summary>The settings of one video rendition's encoder, set on <c>AVCodecContext</c> before <c>avcodec_open2</c>.</summary>
public sealed record VideoEncoderSettings
{
    /// <summary>The encoder's FFmpeg name: "libx264", "libx265", "h264_nvenc", "h264_vaapi", "h264_qsv"...</summary>
    public required string Codec { get; init; }

    /// <summary>Width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The pixel format of the frames sent (a hardware format such as <see cref="PixelFormat.Cuda"/> with <see cref="HardwareFrames"/>).</summary>
    public required PixelFormat PixelFormat { get; init; }

    /// <summary>The time base of the frames' PTS, e.g. 1/90000 or the inverse frame rate.</summary>
    public required Rational TimeBase { get; init; }

    /// <summary>The nominal frame rate in frames/s (<c>framerate</c>); rate control and VUI timing use it.</summary>
    public required Rational FrameRate { get; init; }

    /// <summary>Target bitrate in bits/s; 0 leaves the encoder's default (e.g. CRF for x264).</summary>
    public long BitRate { get; init; }

    /// <summary>Maximum bitrate in bits/s for VBV (<c>rc_max_rate</c>); 0 for none.</summary>
    public long MaxBitRate { get; init; }

    /// <summary>VBV buffer size in bits (<c>rc_buffer_size</c>); 0 for none.</summary>
    public int BufferSize { get; init; }

    /// <summary>Maximum distance between keyframes in frames (<c>gop_size</c>); 0 leaves the encoder's default.</summary>
    public int GopSize { get; init; }

    /// <summary>Maximum consecutive B-frames (<c>max_b_frames</c>); null leaves the encoder's default.</summary>
    public int? MaxBFrames { get; init; }

    /// <summary>Encoding threads; 0 lets the encoder choose.</summary>
    public int Threads { get; init; }

    /// <summary>Puts SPS/PPS in extradata instead of in-band (<c>AV_CODEC_FLAG_GLOBAL_HEADER</c>); set it from <see cref="OutputContext.NeedsGlobalHeader"/>.</summary>
    public bool GlobalHeader { get; init; }

    /// <summary>Encoder private options, e.g. x264 <c>preset=veryfast</c>, <c>forced-idr=1</c>, <c>x264-params=scenecut=0</c>.</summary>
    public MediaDictionary? Options { get; init; }

    /// <summary>Hardware frames the encoder reads (sets <c>hw_frames_ctx</c>) for NVENC/VAAPI/QSV on GPU surfaces.</summary>
    public HardwareFrames? HardwareFrames { get; init; }
}
