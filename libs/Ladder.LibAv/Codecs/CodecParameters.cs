using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// An owned, detached copy of a stream's codec parameters (libavcodec/codec_par.h <c>AVCodecParameters</c>, from
/// <c>avcodec_parameters_alloc</c>, freed by <c>avcodec_parameters_free</c>): codec, size, sample rate, channel layout,
/// profile, level and extradata (the H.264 <c>avcC</c>/Annex B SPS+PPS, the AAC AudioSpecificConfig). It outlives the
/// encoder or input it was taken from, so a muxer can add a stream from it
/// (<see cref="OutputContext.AddStream(CodecParameters, Rational)"/>) and a packager can build RFC 6381 codec strings
/// from <see cref="Profile"/>, <see cref="Level"/> and <see cref="GetExtraData"/>. Immutable after creation; safe to read
/// from several threads.
/// </summary>
public sealed unsafe class CodecParameters : IDisposable
{
    private readonly OwnedHandle<AVCodecParameters> _handle;

    private CodecParameters(OwnedHandle<AVCodecParameters> handle)
    {
        _handle = handle;
        using var parameters = handle.Acquire();
        var native = parameters.Pointer;
        MediaType = (MediaType)native->codec_type;
        CodecId = native->codec_id;
        CodecName = NativeText.Read(AvCodec.avcodec_get_name(native->codec_id)) ?? "unknown";
        Width = native->width;
        Height = native->height;
        PixelFormat = MediaType == MediaType.Video ? new PixelFormat(native->format) : PixelFormat.None;
        SampleRate = native->sample_rate;
        SampleFormat = MediaType == MediaType.Audio ? new SampleFormat(native->format) : SampleFormat.None;
        ChannelLayout = MediaType == MediaType.Audio && native->ch_layout.nb_channels > 0 ? ChannelLayout.FromNative(&native->ch_layout) : null;
        FrameSize = native->frame_size;
        BitRate = native->bit_rate;
        Profile = native->profile;
        Level = native->level;
        ExtraDataSize = native->extradata_size;
    }

    /// <summary>Video, audio...</summary>
    public MediaType MediaType { get; }

    /// <summary>The <c>AVCodecID</c> value.</summary>
    public int CodecId { get; }

    /// <summary>The codec's FFmpeg name, e.g. "h264", "hevc", "aac", "opus" (<c>avcodec_get_name</c>).</summary>
    public string CodecName { get; }

    /// <summary>Video width in pixels; 0 for audio.</summary>
    public int Width { get; }

    /// <summary>Video height in pixels; 0 for audio.</summary>
    public int Height { get; }

    /// <summary>Video pixel format; <see cref="PixelFormat.None"/> for audio or when unknown.</summary>
    public PixelFormat PixelFormat { get; }

    /// <summary>Audio sample rate in Hz; 0 for video.</summary>
    public int SampleRate { get; }

    /// <summary>Audio sample format; <see cref="SampleFormat.None"/> for video or when unknown.</summary>
    public SampleFormat SampleFormat { get; }

    /// <summary>Audio channel layout; null for video or when unknown.</summary>
    public ChannelLayout? ChannelLayout { get; }

    /// <summary>Audio channel count (from <see cref="ChannelLayout"/>); 0 for video.</summary>
    public int Channels => ChannelLayout?.Channels ?? 0;

    /// <summary>Audio samples per channel in each frame (1024 for AAC-LC, 960 for Opus); 0 when variable or video.</summary>
    public int FrameSize { get; }

    /// <summary>Bitrate in bits/s; 0 when unknown.</summary>
    public long BitRate { get; }

    /// <summary>
    /// The codec profile (<c>AV_PROFILE_*</c>/<c>FF_PROFILE_*</c> value): for H.264 the <c>profile_idc</c> (66 Baseline,
    /// 77 Main, 100 High, with constraint flags in the upper bits), for AAC the audio object type minus one
    /// (1 = AAC-LC); -99 (<c>FF_PROFILE_UNKNOWN</c>) when unknown, as for libx264 in FFmpeg 5.1, which does not report
    /// it: read <c>profile_idc</c> and <c>level_idc</c> from the SPS in <see cref="GetExtraData"/> then.
    /// </summary>
    public int Profile { get; }

    /// <summary>The codec level (H.264 <c>level_idc</c>, e.g. 31 for 3.1); -99 (<c>FF_LEVEL_UNKNOWN</c>) when unknown (see <see cref="Profile"/>).</summary>
    public int Level { get; }

    /// <summary>The profile's FFmpeg name, e.g. "High", "LC" (<c>avcodec_profile_name</c>); null when unknown.</summary>
    public string? ProfileName => NativeText.Read(AvCodec.avcodec_profile_name(CodecId, Profile));

    /// <summary>The length of the extradata in bytes; 0 when there is none (in-band parameter sets).</summary>
    public int ExtraDataSize { get; }

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVCodecParameters> Handle => _handle;

    /// <summary>
    /// Snapshots an open encoder's parameters (<c>avcodec_parameters_from_context</c>): with
    /// <see cref="VideoEncoderSettings.GlobalHeader"/> the extradata holds the parameter sets (libx264 and NVENC write
    /// H.264 SPS/PPS in Annex B start-code form; the mp4 muxer turns them into <c>avcC</c>) or the AAC AudioSpecificConfig.
    /// </summary>
    /// <param name="encoder">An open encoder.</param>
    /// <returns>The parameters, owned by the caller.</returns>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    /// <exception cref="ObjectDisposedException">The encoder was disposed.</exception>
    public static CodecParameters From(Encoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var handle = Allocate();
        try
        {
            using var parameters = handle.Acquire();
            using var context = encoder.Handle.Acquire();
            AvCodec.avcodec_parameters_from_context(parameters.Pointer, context.Pointer).ThrowIfError($"avcodec_parameters_from_context({encoder.CodecName})");
            return new CodecParameters(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Snapshots an input stream's parameters (<c>avcodec_parameters_copy</c>); the copy stays valid after the input closes.</summary>
    /// <param name="stream">A stream of an open <see cref="InputContext"/>.</param>
    /// <returns>The parameters, owned by the caller.</returns>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    /// <exception cref="ObjectDisposedException">The stream's input was disposed.</exception>
    public static CodecParameters From(StreamInfo stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var handle = Allocate();
        try
        {
            using var parameters = handle.Acquire();
            using (stream.AcquireParameters(out var source))
            {
                AvCodec.avcodec_parameters_copy(parameters.Pointer, source).ThrowIfError("avcodec_parameters_copy");
            }

            return new CodecParameters(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The extradata bytes (a copy): H.264 <c>avcC</c> record or Annex B SPS/PPS, HEVC <c>hvcC</c>, AAC AudioSpecificConfig; empty when there is none.</summary>
    /// <returns>A new array of <see cref="ExtraDataSize"/> bytes.</returns>
    /// <exception cref="ObjectDisposedException">The parameters were disposed.</exception>
    public byte[] GetExtraData()
    {
        using var parameters = _handle.Acquire();
        var native = parameters.Pointer;
        return native->extradata == null || native->extradata_size <= 0
            ? []
            : new ReadOnlySpan<byte>(native->extradata, native->extradata_size).ToArray();
    }

    /// <summary>An independent copy (<c>avcodec_parameters_copy</c>) for a holder that outlives this one's owner.</summary>
    /// <returns>The copy, owned by the caller.</returns>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    /// <exception cref="ObjectDisposedException">The parameters were disposed.</exception>
    public CodecParameters Clone()
    {
        var handle = Allocate();
        try
        {
            using var target = handle.Acquire();
            using var source = _handle.Acquire();
            AvCodec.avcodec_parameters_copy(target.Pointer, source.Pointer).ThrowIfError("avcodec_parameters_copy");
            return new CodecParameters(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        MediaType == MediaType.Video ? $"{CodecName} {Width}x{Height} {PixelFormat}" : $"{CodecName} {SampleRate} Hz {ChannelLayout?.Name}";

    /// <summary>Frees the parameters (<c>avcodec_parameters_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static OwnedHandle<AVCodecParameters> Allocate() =>
        new(ErrorCodeExtensions.ThrowIfNull(AvCodec.avcodec_parameters_alloc(), "avcodec_parameters_alloc"), &Free);

    private static void Free(AVCodecParameters* parameters) => AvCodec.avcodec_parameters_free(&parameters);
}
