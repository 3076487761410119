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
    public long Pts
    {
        get { using var packet = _handle.Acquire(); return packet.Pointer->pts; }
        set { using var packet = _handle.Acquire(); packet.Pointer->pts = value; }
    }

    /// <summary>Decoding timestamp in the stream's time-base ticks; <see cref="Timestamp.None"/> when unknown.</summary>
    public long Dts
    {
        get { using var packet = _handle.Acquire(); return packet.Pointer->dts; }
        set { using var packet = _handle.Acquire(); packet.Pointer->dts = value; }
    }

    /// <summary>Duration in the stream's time-base ticks; 0 when unknown.</summary>
    public long Duration
    {
        get { using var packet = _handle.Acquire(); return packet.Pointer->duration; }
        set { using var packet = _handle.Acquire(); packet.Pointer->duration = value; }
    }

    /// <summary>The index of the stream this packet belongs to (in its input or output context).</summary>
    public int StreamIndex
    {
        get { using var packet = _handle.Acquire(); return packet.Pointer->stream_index; }
        set { using var packet = _handle.Acquire(); packet.Pointer->stream_index = value; }
    }

    /// <summary>Whether the packet starts a keyframe (<c>AV_PKT_FLAG_KEY</c>).</summary>
    public bool IsKeyframe
    {
        get { using var packet = _handle.Acquire(); return (packet.Pointer->flags & KeyFlag) != 0; }
        set { using var packet = _handle.Acquire(); packet.Pointer->flags = value ? packet.Pointer->flags | KeyFlag : packet.Pointer->flags & ~KeyFlag; }
    }

    /// <summary>Payload size in bytes.</summary>
    public int Size { get { using var packet = _handle.Acquire(); return packet.Pointer->size; } }

    /// <summary>Byte position in the input, -1 when unknown.</summary>
    public long Position { get { using var packet = _handle.Acquire(); return packet.Pointer->pos; } }

    /// <summary>Whether the packet holds no data (after <see cref="Unref"/> or <see cref="MoveRef"/> away).</summary>
    public bool IsEmpty { get { using var packet = _handle.Acquire(); return packet.Pointer->data == null; } }

    /// <summary>The payload; valid until the packet is unreferenced or disposed (the span outlives no lease: do not dispose the packet while reading it).</summary>
    public ReadOnlySpan<byte> Data { get { using var packet = _handle.Acquire(); return new(packet.Pointer->data, packet.Pointer->size); } }

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVPacket> Handle => _handle;

    /// <summary>Makes this packet another reference to <paramref name="source"/>'s data and properties (<c>av_packet_ref</c>); drops what it held.</summary>
    /// <param name="source">The packet to reference.</param>
    /// <exception cref="FFmpegException">The reference could not be made.</exception>
    public void Ref(Packet source)
    {
        using var packet = _handle.Acquire();
        using var from = source._handle.Acquire();
        AvCodec.av_packet_unref(packet.Pointer);
        AvCodec.av_packet_ref(packet.Pointer, from.Pointer).ThrowIfError("av_packet_ref");
    }

    /// <summary>Drops the data reference and resets all fields (<c>av_packet_unref</c>); the packet stays usable.</summary>
    public void Unref()
    {
        using var packet = _handle.Acquire();
        AvCodec.av_packet_unref(packet.Pointer);
    }

    /// <summary>Moves <paramref name="source"/>'s data and properties into this packet, leaving <paramref name="source"/> empty (<c>av_packet_move_ref</c>).</summary>
    /// <param name="source">The packet to take from.</param>
    public void MoveRef(Packet source)
    {
        using var packet = _handle.Acquire();
        using var from = source._handle.Acquire();
        AvCodec.av_packet_unref(packet.Pointer);
        AvCodec.av_packet_move_ref(packet.Pointer, from.Pointer);
    }

    /// <summary>A new packet referencing the same data (<c>av_packet_clone</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Packet Clone()
    {
        using var packet = _handle.Acquire();
        return new(AvCodec.av_packet_clone(packet.Pointer), "av_packet_clone");
    }

    /// <summary>Converts <see cref="Pts"/>, <see cref="Dts"/> and <see cref="Duration"/> between time bases (<c>av_packet_rescale_ts</c>).</summary>
    /// <param name="from">The time base they are in now.</param>
    /// <param name="to">The time base to convert to (e.g. the output stream's, after <c>WriteHeader</c>).</param>
    public void RescaleTimestamps(Rational from, Rational to)
    {
        using var packet = _handle.Acquire();
        AvCodec.av_packet_rescale_ts(packet.Pointer, from.ToNative(), to.ToNative());
    }

    /// <summary>Frees the packet and drops its data reference (<c>av_packet_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(AVPacket* packet) => AvCodec.av_packet_free(&packet);
}
