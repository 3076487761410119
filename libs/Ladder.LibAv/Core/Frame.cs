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
    public long Pts { get => Native->pts; set => Native->pts = value; }

    /// <summary>The decoder's best guess of the presentation timestamp (<c>best_effort_timestamp</c>), same time base as <see cref="Pts"/>.</summary>
    public long BestEffortTimestamp => Native->best_effort_timestamp;

    /// <summary>Duration in the same time base as <see cref="Pts"/> (<c>pkt_duration</c> in FFmpeg 5.1); 0 when unknown.</summary>
    public long Duration { get => Native->pkt_duration; set => Native->pkt_duration = value; }

    /// <summary>Video width in pixels.</summary>
    public int Width { get => Native->width; set => Native->width = value; }

    /// <summary>Video height in pixels.</summary>
    public int Height { get => Native->height; set => Native->height = value; }

    /// <summary>Video pixel format (the frame's <c>format</c> read as <c>AVPixelFormat</c>).</summary>
    public PixelFormat PixelFormat { get => new(Native->format); set => Native->format = value.Value; }

    /// <summary>Audio sample format (the frame's <c>format</c> read as <c>AVSampleFormat</c>).</summary>
    public SampleFormat SampleFormat { get => new(Native->format); set => Native->format = value.Value; }

    /// <summary>Audio samples per channel in this frame.</summary>
    public int SampleCount { get => Native->nb_samples; set => Native->nb_samples = value; }

    /// <summary>Audio sample rate in Hz.</summary>
    public int SampleRate { get => Native->sample_rate; set => Native->sample_rate = value; }

    /// <summary>Audio channel layout (<c>ch_layout</c>; set with <c>av_channel_layout_copy</c>).</summary>
    /// <exception cref="FFmpegException">Setting failed.</exception>
    public ChannelLayout ChannelLayout
    {
        get => ChannelLayout.FromNative(&Native->ch_layout);
        set
        {
            var native = value.ToNative();
            AvUtil.av_channel_layout_uninit(&Native->ch_layout);
            AvUtil.av_channel_layout_copy(&Native->ch_layout, &native).ThrowIfError("av_channel_layout_copy");
        }
    }

    /// <summary>The picture type; set <see cref="PictureType.I"/> before sending to an encoder to force a keyframe.</summary>
    public PictureType PictureType { get => (PictureType)Native->pict_type; set => Native->pict_type = (int)value; }

    /// <summary>Whether the decoder marked the frame as a keyframe (<c>key_frame</c>).</summary>
    public bool IsKeyframe => Native->key_frame != 0;

    /// <summary>Whether the frame's data lives in a hardware surface (<c>hw_frames_ctx</c> is set).</summary>
    public bool IsHardware => Native->hw_frames_ctx != null;

    internal AVFrame* Native => _handle.Pointer;

    /// <summary>The line size (stride) of <paramref name="plane"/> in bytes; for audio, the plane size in bytes (set on plane 0 only).</summary>
    /// <param name="plane">0..7.</param>
    public int GetLineSize(int plane)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)plane, 7u, nameof(plane));
        return Native->linesize[plane];
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows of <paramref name="plane"/> (rows × <see cref="GetLineSize"/> bytes).
    /// Chroma planes of 4:2:0 video have half the rows; audio planes have one row. Valid until the frame is unreferenced.
    /// </summary>
    /// <param name="plane">0..7.</param>
    /// <param name="rows">Rows to expose.</param>
    /// <exception cref="InvalidOperationException">The plane has no data.</exception>
    public Span<byte> GetPlane(int plane, int rows)
    {
        var lineSize = GetLineSize(plane);
        var data = (byte*)Native->data[plane];
        if (lineSize == 0 && data != null)
        {
            lineSize = Native->linesize[0]; // planar audio: FFmpeg sets only linesize[0], every plane has that size
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
    public void AllocateBuffers(int alignment = 0) => AvUtil.av_frame_get_buffer(Native, alignment).ThrowIfError("av_frame_get_buffer");

    /// <summary>Ensures the buffers are not shared, copying them if needed, so they can be written (<c>av_frame_make_writable</c>).</summary>
    /// <exception cref="FFmpegException">Copying failed.</exception>
    public void MakeWritable() => AvUtil.av_frame_make_writable(Native).ThrowIfError("av_frame_make_writable");

    /// <summary>Makes this frame another reference to <paramref name="source"/>'s buffers and properties (<c>av_frame_ref</c>); drops what it held.</summary>
    /// <param name="source">The frame to reference.</param>
    /// <exception cref="FFmpegException">The reference could not be made.</exception>
    public void Ref(Frame source)
    {
        Unref();
        AvUtil.av_frame_ref(Native, source.Native).ThrowIfError("av_frame_ref");
    }

    /// <summary>Drops the buffer references and resets all fields (<c>av_frame_unref</c>); the frame stays usable.</summary>
    public void Unref() => AvUtil.av_frame_unref(Native);

    /// <summary>Moves <paramref name="source"/>'s buffers and properties into this frame, leaving <paramref name="source"/> empty (<c>av_frame_move_ref</c>).</summary>
    /// <param name="source">The frame to take from.</param>
    public void MoveRef(Frame source)
    {
        Unref();
        AvUtil.av_frame_move_ref(Native, source.Native);
    }

    /// <summary>A new frame referencing the same buffers (<c>av_frame_clone</c>).</summary>
    /// <exception cref="FFmpegException">FFmpeg could not allocate it.</exception>
    public Frame Clone() => new(AvUtil.av_frame_clone(Native), "av_frame_clone");

    /// <summary>
    /// Copies pixels between a hardware surface and system memory, either way (<c>av_hwframe_transfer_data</c>).
    /// Downloading into an empty <paramref name="destination"/> picks the surface's software format.
    /// </summary>
    /// <param name="destination">The frame to fill; for uploads, one from <see cref="HardwareFrames.GetBuffer(Frame)"/>.</param>
    /// <exception cref="FFmpegException">The transfer failed.</exception>
    public void TransferDataTo(Frame destination)
    {
        AvUtil.av_hwframe_transfer_data(destination.Native, Native, 0).ThrowIfError("av_hwframe_transfer_data");
        destination.Pts = Pts;
    }

    /// <summary>Frees the frame and drops its buffers (<c>av_frame_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(AVFrame* frame) => AvUtil.av_frame_free(&frame);
}
