using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// One decoded video picture or block of audio samples (libavutil/frame.h <c>AVFrame</c>, allocated by
/// <c>av_frame_alloc</c>, freed by <c>av_frame_free</c>). Buffers are reference-counted: <see cref="Ref"/> and
/// <see cref="Clone"/> share them, <see cref="MoveRef"/> hands them over, <see cref="Unref"/> drops them and leaves
/// the frame reusable for a pool.
/// </summary>
public sealed unsafe class Frame : IDisposable
{
    private readonly OwnedHandle<AVFrame> _handle;

    /// <summary>Allocates an empty frame (<c>av_frame_alloc</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Frame()
        : this(AvUtil.av_frame_alloc(), "av_frame_alloc")
    {
    }

    private Frame(AVFrame* frame, string context)
    {
        _handle = new OwnedHandle<AVFrame>(ErrorCodeExtensions.ThrowIfNull(frame, context), &Free);
    }

    /// <summary>Presentation timestamp in ticks of the producer's time base (decoder: the stream's; filter graph: its sink's); <see cref="Timestamp.None"/> when unknown.</summary>
    public long Pts
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->pts; }
        set { using var frame = _handle.Acquire(); frame.Pointer->pts = value; }
    }

    /// <summary>The decoder's best guess of the presentation timestamp (<c>best_effort_timestamp</c>), same time base as <see cref="Pts"/>.</summary>
    public long BestEffortTimestamp { get { using var frame = _handle.Acquire(); return frame.Pointer->best_effort_timestamp; } }

    /// <summary>Duration in the same time base as <see cref="Pts"/> (<c>pkt_duration</c> in FFmpeg 5.1); 0 when unknown.</summary>
    public long Duration
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->pkt_duration; }
        set { using var frame = _handle.Acquire(); frame.Pointer->pkt_duration = value; }
    }

    /// <summary>Video width in pixels.</summary>
    public int Width
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->width; }
        set { using var frame = _handle.Acquire(); frame.Pointer->width = value; }
    }

    /// <summary>Video height in pixels.</summary>
    public int Height
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->height; }
        set { using var frame = _handle.Acquire(); frame.Pointer->height = value; }
    }

    /// <summary>Video pixel format (the frame's <c>format</c> read as <c>AVPixelFormat</c>).</summary>
    public PixelFormat PixelFormat
    {
        get { using var frame = _handle.Acquire(); return new(frame.Pointer->format); }
        set { using var frame = _handle.Acquire(); frame.Pointer->format = value.Value; }
    }

    /// <summary>Audio sample format (the frame's <c>format</c> read as <c>AVSampleFormat</c>).</summary>
    public SampleFormat SampleFormat
    {
        get { using var frame = _handle.Acquire(); return new(frame.Pointer->format); }
        set { using var frame = _handle.Acquire(); frame.Pointer->format = value.Value; }
    }

    /// <summary>Audio samples per channel in this frame.</summary>
    public int SampleCount
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->nb_samples; }
        set { using var frame = _handle.Acquire(); frame.Pointer->nb_samples = value; }
    }

    /// <summary>Audio sample rate in Hz.</summary>
    public int SampleRate
    {
        get { using var frame = _handle.Acquire(); return frame.Pointer->sample_rate; }
        set { using var frame = _handle.Acquire(); frame.Pointer->sample_rate = value; }
    }

    /// <summary>Audio channel layout (<c>ch_layout</c>; set with <c>av_channel_layout_copy</c>).</summary>
    /// <exception cref="FFmpegException">Setting failed.</exception>
    public ChannelLayout ChannelLayout
    {
        get
        {
            using var frame = _handle.Acquire();
            return ChannelLayout.FromNative(&frame.Pointer->ch_layout);
        }

        set
        {
            var native = value.ToNative();
            using var frame = _handle.Acquire();
            AvUtil.av_channel_layout_uninit(&frame.Pointer->ch_layout);
            AvUtil.av_channel_layout_copy(&frame.Pointer->ch_layout, &native).ThrowIfError("av_channel_layout_copy");
        }
    }

    /// <summary>The picture type; set <see cref="PictureType.I"/> before sending to an encoder to force a keyframe.</summary>
    public PictureType PictureType
    {
        get { using var frame = _handle.Acquire(); return (PictureType)frame.Pointer->pict_type; }
        set { using var frame = _handle.Acquire(); frame.Pointer->pict_type = (int)value; }
    }

    /// <summary>Whether the decoder marked the frame as a keyframe (<c>key_frame</c>).</summary>
    public bool IsKeyframe { get { using var frame = _handle.Acquire(); return frame.Pointer->key_frame != 0; } }

    /// <summary>Whether the frame's data lives in a hardware surface (<c>hw_frames_ctx</c> is set).</summary>
    public bool IsHardware { get { using var frame = _handle.Acquire(); return frame.Pointer->hw_frames_ctx != null; } }

    /// <summary>The owning handle; native calls hold it with <see cref="OwnedHandle{T}.Acquire"/> for their duration.</summary>
    internal OwnedHandle<AVFrame> Handle => _handle;

    /// <summary>The line size (stride) of <paramref name="plane"/> in bytes; for audio, the plane size in bytes (set on plane 0 only).</summary>
    /// <param name="plane">0..7.</param>
    public int GetLineSize(int plane)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)plane, 7u, nameof(plane));
        using var frame = _handle.Acquire();
        return frame.Pointer->linesize[plane];
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows of <paramref name="plane"/> (rows × <see cref="GetLineSize"/> bytes).
    /// Chroma planes of 4:2:0 video have half the rows; audio planes have one row. Valid until the frame is unreferenced
    /// or disposed (the span outlives no lease: do not dispose the frame while using it).
    /// </summary>
    /// <param name="plane">0..7.</param>
    /// <param name="rows">Rows to expose.</param>
    /// <exception cref="InvalidOperationException">The plane has no data.</exception>
    public Span<byte> GetPlane(int plane, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)plane, 7u, nameof(plane));
        using var frame = _handle.Acquire();
        var lineSize = frame.Pointer->linesize[plane];
        var data = (byte*)frame.Pointer->data[plane];
        if (lineSize == 0 && data != null)
        {
            lineSize = frame.Pointer->linesize[0]; // planar audio: FFmpeg sets only linesize[0], every plane has that size
        }

        return data == null
            ? throw new InvalidOperationException($"Frame plane {plane} has no data; call AllocateBuffers first.")
            : new Span<byte>(data, checked(lineSize * rows));
    }

    /// <summary>
    /// Allocates buffers for the frame's current geometry (set <see cref="Width"/>, <see cref="Height"/>,
    /// <see cref="PixelFormat"/>, or <see cref="SampleCount"/>, <see cref="SampleFormat"/>, <see cref="ChannelLayout"/>
    /// first) (<c>av_frame_get_buffer</c>).
    /// </summary>
    /// <param name="alignment">Line alignment in bytes; 0 picks the CPU's.</param>
    /// <exception cref="FFmpegException">The geometry is incomplete or allocation failed.</exception>
    public void AllocateBuffers(int alignment = 0)
    {
        using var frame = _handle.Acquire();
        AvUtil.av_frame_get_buffer(frame.Pointer, alignment).ThrowIfError("av_frame_get_buffer");
    }

    /// <summary>Ensures the buffers are not shared, copying them if needed, so they can be written (<c>av_frame_make_writable</c>).</summary>
    /// <exception cref="FFmpegException">Copying failed.</exception>
    public void MakeWritable()
    {
        using var frame = _handle.Acquire();
        AvUtil.av_frame_make_writable(frame.Pointer).ThrowIfError("av_frame_make_writable");
    }

    /// <summary>Makes this frame another reference to <paramref name="source"/>'s buffers and properties (<c>av_frame_ref</c>); drops what it held.</summary>
    /// <param name="source">The frame to reference.</param>
    /// <exception cref="FFmpegException">The reference could not be made.</exception>
    public void Ref(Frame source)
    {
        using var frame = _handle.Acquire();
        using var from = source._handle.Acquire();
        AvUtil.av_frame_unref(frame.Pointer);
        AvUtil.av_frame_ref(frame.Pointer, from.Pointer).ThrowIfError("av_frame_ref");
    }

    /// <summary>Drops the buffer references and resets all fields (<c>av_frame_unref</c>); the frame stays usable.</summary>
    public void Unref()
    {
        using var frame = _handle.Acquire();
        AvUtil.av_frame_unref(frame.Pointer);
    }

    /// <summary>Moves <paramref name="source"/>'s buffers and properties into this frame, leaving <paramref name="source"/> empty (<c>av_frame_move_ref</c>).</summary>
    /// <param name="source">The frame to take from.</param>
    public void MoveRef(Frame source)
    {
        using var frame = _handle.Acquire();
        using var from = source._handle.Acquire();
        AvUtil.av_frame_unref(frame.Pointer);
        AvUtil.av_frame_move_ref(frame.Pointer, from.Pointer);
    }

    /// <summary>A new frame referencing the same buffers (<c>av_frame_clone</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Frame Clone()
    {
        using var frame = _handle.Acquire();
        return new(AvUtil.av_frame_clone(frame.Pointer), "av_frame_clone");
    }

    /// <summary>
    /// Copies pixels between a hardware surface and system memory, either way (<c>av_hwframe_transfer_data</c>).
    /// Downloading into an empty <paramref name="destination"/> picks the surface's software format.
    /// </summary>
    /// <param name="destination">The frame to fill; for uploads, one from <see cref="HardwareFrames.GetBuffer(Frame)"/>.</param>
    /// <exception cref="FFmpegException">The transfer failed.</exception>
    public void TransferDataTo(Frame destination)
    {
        using var frame = _handle.Acquire();
        using var to = destination._handle.Acquire();
        AvUtil.av_hwframe_transfer_data(to.Pointer, frame.Pointer, 0).ThrowIfError("av_hwframe_transfer_data");
        to.Pointer->pts = frame.Pointer->pts;
    }

    /// <summary>Frees the frame and drops its buffers (<c>av_frame_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(AVFrame* frame) => AvUtil.av_frame_free(&frame);
}
