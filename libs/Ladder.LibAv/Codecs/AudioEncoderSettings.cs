namespace Ladder.LibAv;

/// <summary>The settings of one audio rendition's encoder, set on <c>AVCodecContext</c> before <c>avcodec_open2</c>. The time base is 1/<see cref="SampleRate"/>.</summary>
public sealed record AudioEncoderSettings
{
    /// <summary>The encoder's FFmpeg name: "aac", "libopus", "ac3"...</summary>
    public required string Codec { get; init; }

    /// <summary>Sample rate in Hz.</summary>
    public required int SampleRate { get; init; }

    /// <summary>The sample format of the frames sent (FFmpeg's "aac" takes <see cref="SampleFormat.FltP"/>).</summary>
    public required SampleFormat SampleFormat { get; init; }

    /// <summary>The channel layout.</summary>
    public required ChannelLayout ChannelLayout { get; init; }

    /// <summary>Target bitrate in bits/s; 0 leaves the encoder's default.</summary>
    public long BitRate { get; init; }

    /// <summary>Puts codec configuration in extradata (<c>AV_CODEC_FLAG_GLOBAL_HEADER</c>); set it from <see cref="OutputContext.NeedsGlobalHeader"/>.</summary>
    public bool GlobalHeader { get; init; }

    /// <summary>Encoder private options.</summary>
    public MediaDictionary? Options { get; init; }
}
