using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A snapshot of one input stream (libavformat <c>AVStream</c> and its <c>AVCodecParameters</c>), taken when the
/// input was opened. <see cref="Decoder.Create(StreamInfo, DecoderOptions)"/> and <see cref="OutputContext.AddStream(StreamInfo)"/> read the live
/// codec parameters, so they need the <see cref="InputContext"/> still open.
/// </summary>
public sealed record StreamInfo
{
    /// <summary>The stream's index in its input; packets carry it in <see cref="Packet.StreamIndex"/>.</summary>
    public required int Index { get; init; }

    /// <summary>Video, audio, data...</summary>
    public required MediaType MediaType { get; init; }

    /// <summary>The <c>AVCodecID</c> value.</summary>
    public required int CodecId { get; init; }

    /// <summary>The codec's FFmpeg name, e.g. "h264", "aac" (<c>avcodec_get_name</c>).</summary>
    public required string CodecName { get; init; }

    /// <summary>The stream time base: packets' PTS/DTS/duration are in these ticks.</summary>
    public required Rational TimeBase { get; init; }

    /// <summary>Frame rate in frames/s as FFmpeg guesses it (<c>av_guess_frame_rate</c>); 0/1 when unknown or not video.</summary>
    public required Rational FrameRate { get; init; }

    /// <summary>Bitrate in bits/s; 0 when unknown.</summary>
    public required long BitRate { get; init; }

    /// <summary>Video width in pixels; 0 for other media.</summary>
    public required int Width { get; init; }

    /// <summary>Video height in pixels; 0 for other media.</summary>
    public required int Height { get; init; }

    /// <summary>Video pixel format; <see cref="PixelFormat.None"/> for other media or when unknown.</summary>
    public required PixelFormat PixelFormat { get; init; }

    /// <summary>Audio sample rate in Hz; 0 for other media.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Audio sample format; <see cref="SampleFormat.None"/> for other media or when unknown.</summary>
    public required SampleFormat SampleFormat { get; init; }

    /// <summary>Audio channel layout; null for other media.</summary>
    public required ChannelLayout? ChannelLayout { get; init; }

    /// <summary>First PTS in <see cref="TimeBase"/> ticks; <see cref="Timestamp.None"/> when unknown.</summary>
    public required long StartTime { get; init; }

    /// <summary>Duration in <see cref="TimeBase"/> ticks; <see cref="Timestamp.None"/> when unknown (live inputs).</summary>
    public required long Duration { get; init; }

    /// <summary>Frame count from the container header; 0 when unknown.</summary>
    public required long FrameCount { get; init; }

    /// <summary>The input this stream belongs to.</summary>
    internal InputContext Owner { get; init; } = null!;

    /// <summary>Holds <see cref="Owner"/> open and gives the live codec parameters, valid until the lease is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The input was disposed.</exception>
    internal unsafe OwnedHandle<AVFormatContext>.Lease AcquireParameters(out AVCodecParameters* parameters)
    {
        var lease = Owner.AcquireStream(Index, out var stream);
        parameters = stream->codecpar;
        return lease;
    }
}
