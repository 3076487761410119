using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// One compressed packet (libavcodec/packet.h <c>AVPacket</c>, allocated by <c>av_packet_alloc</c>, freed by
/// <c>av_packet_free</c>). The data is reference-counted: <see cref="Ref"/> and <see cref="Clone"/> share it,
/// <see cref="MoveRef"/> hands it over, <see cref="Unref"/> drops it and leaves the packet reusable, so a pool of
/// <see cref="Packet"/> objects can carry a stream without copying payloads.
/// </summary>
public sealed unsafe class Packet : IDisposable
{
    private const int KeyFlag = 1; // AV_PKT_FLAG_KEY
    private readonly OwnedHandle<AVPacket> _handle;

    /// <summary>Allocates an empty packet (<c>av_packet_alloc</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Packet()
        : this(AvCodec.av_packet_alloc(), "av_packet_alloc")
    {
    }

    private Packet(AVPacket* packet, string context)
    {
        _handle = new OwnedHandle<AVPacket>(ErrorCodeExtensions.ThrowIfNull(packet, context), &Free);
    }

    /// <summary>Presentation timestamp in the stream's time-base ticks; <see cref="Timestamp.None"/> when unknown.</summary>
    public long Pts { get => Native->pts; set => Native->pts = value; }

    /// <summary>Decoding timestamp in the stream's time-base ticks; <see cref="Timestamp.None"/> when unknown.</summary>
    public long Dts { get => Native->dts; set => Native->dts = value; }

    /// <summary>Duration in the stream's time-base ticks; 0 when unknown.</summary>
    public long Duration { get => Native->duration; set => Native->duration = value; }

    /// <summary>The index of the stream this packet belongs to (in its input or output context).</summary>
    public int StreamIndex { get => Native->stream_index; set => Native->stream_index = value; }

    /// <summary>Whether the packet starts a keyframe (<c>AV_PKT_FLAG_KEY</c>).</summary>
    public bool IsKeyframe
    {
        get => (Native->flags & KeyFlag) != 0;
        set => Native->flags = value ? Native->flags | KeyFlag : Native->flags & ~KeyFlag;
    }

    /// <summary>Payload size in bytes.</summary>
    public int Size => Native->size;

    /// <summary>Byte position in the input, -1 when unknown.</summary>
    public long Position => Native->pos;

    /// <summary>Whether the packet holds no data (after <see cref="Unref"/> or <see cref="MoveRef"/> away).</summary>
    public bool IsEmpty => Native->data == null;

    /// <summary>The payload; valid until the packet is unreferenced or disposed.</summary>
    public ReadOnlySpan<byte> Data => new(Native->data, Native->size);

    internal AVPacket* Native => _handle.Pointer;

    /// <summary>Makes this packet another reference to <paramref name="source"/>'s data and properties (<c>av_packet_ref</c>); drops what it held.</summary>
    /// <param name="source">The packet to reference.</param>
    /// <exception cref="FFmpegException">The reference could not be made.</exception>
    public void Ref(Packet source)
    {
        Unref();
        AvCodec.av_packet_ref(Native, source.Native).ThrowIfError("av_packet_ref");
    }

    /// <summary>Drops the data reference and resets all fields (<c>av_packet_unref</c>); the packet stays usable.</summary>
    public void Unref() => AvCodec.av_packet_unref(Native);

    /// <summary>Moves <paramref name="source"/>'s data and properties into this packet, leaving <paramref name="source"/> empty (<c>av_packet_move_ref</c>).</summary>
    /// <param name="source">The packet to take from.</param>
    public void MoveRef(Packet source)
    {
        Unref();
        AvCodec.av_packet_move_ref(Native, source.Native);
    }

    /// <summary>A new packet referencing the same data (<c>av_packet_clone</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Packet Clone() => new(AvCodec.av_packet_clone(Native), "av_packet_clone");

    /// <summary>Converts <see cref="Pts"/>, <see cref="Dts"/> and <see cref="Duration"/> between time bases (<c>av_packet_rescale_ts</c>).</summary>
    /// <param name="from">The time base they are in now.</param>
    /// <param name="to">The time base to convert to (e.g. the output stream's, after <c>WriteHeader</c>).</param>
    public void RescaleTimestamps(Rational from, Rational to) => AvCodec.av_packet_rescale_ts(Native, from.ToNative(), to.ToNative());

    /// <summary>Frees the packet and drops its data reference (<c>av_packet_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(AVPacket* packet) => AvCodec.av_packet_free(&packet);
}
