using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A libavfilter graph with one source and one sink: <c>buffer</c> → your chain (e.g. <c>scale=640:360,fps=30</c>) →
/// <c>buffersink</c>, or <c>abuffer</c> → chain → <c>abuffersink</c> for audio (<c>avfilter_graph_parse_ptr</c>,
/// <c>avfilter_graph_config</c>). Push frames with <see cref="SendFrame"/> and pull with <see cref="ReceiveFrame"/>
/// until <see cref="CodecResult.Again"/>; output frames' PTS are in <see cref="OutputTimeBase"/>.
/// </summary>
public sealed unsafe class FilterGraph : IDisposable
{
    private const int KeepReference = 8; // AV_BUFFERSRC_FLAG_KEEP_REF
    private readonly OwnedHandle<AVFilterGraph> _handle;
    private readonly AVFilterContext* _source;
    private readonly AVFilterContext* _sink;

    private FilterGraph(OwnedHandle<AVFilterGraph> handle, AVFilterContext* source, AVFilterContext* sink, string description)
    {
        _handle = handle;
        _source = source;
        _sink = sink;
        Description = description;
    }

    /// <summary>The filter chain as given.</summary>
    public string Description { get; }

    /// <summary>The time base of output frames' PTS (<c>av_buffersink_get_time_base</c>).</summary>
    public Rational OutputTimeBase { get { using var graph = _handle.Acquire(); return Rational.FromNative(AvFilter.av_buffersink_get_time_base(_sink)); } }

    /// <summary>The output frame rate in frames/s, 0/1 when variable or unknown (<c>av_buffersink_get_frame_rate</c>).</summary>
    public Rational OutputFrameRate { get { using var graph = _handle.Acquire(); return Rational.FromNative(AvFilter.av_buffersink_get_frame_rate(_sink)); } }

    /// <summary>Output width in pixels (video).</summary>
    public int OutputWidth { get { using var graph = _handle.Acquire(); return AvFilter.av_buffersink_get_w(_sink); } }

    /// <summary>Output height in pixels (video).</summary>
    public int OutputHeight { get { using var graph = _handle.Acquire(); return AvFilter.av_buffersink_get_h(_sink); } }

    /// <summary>Output pixel format (video).</summary>
    public PixelFormat OutputPixelFormat { get { using var graph = _handle.Acquire(); return new(AvFilter.av_buffersink_get_format(_sink)); } }

    /// <summary>Output sample format (audio).</summary>
    public SampleFormat OutputSampleFormat { get { using var graph = _handle.Acquire(); return new(AvFilter.av_buffersink_get_format(_sink)); } }

    /// <summary>Output sample rate in Hz (audio).</summary>
    public int OutputSampleRate { get { using var graph = _handle.Acquire(); return AvFilter.av_buffersink_get_sample_rate(_sink); } }

    /// <summary>Output channel layout (audio; <c>av_buffersink_get_ch_layout</c>).</summary>
    public ChannelLayout OutputChannelLayout
    {
        get
        {
            AVChannelLayout layout = default;
            using (_handle.Acquire())
            {
                AvFilter.av_buffersink_get_ch_layout(_sink, &layout).ThrowIfError("av_buffersink_get_ch_layout");
            }

            var result = ChannelLayout.FromNative(&layout);
            AvUtil.av_channel_layout_uninit(&layout);
            return result;
        }
    }

    /// <summary>Builds a video graph: <c>buffer</c> (described by <paramref name="input"/>) → <paramref name="filters"/> → <c>buffersink</c>.</summary>
    /// <param name="filters">An FFmpeg filter chain, e.g. <c>scale=640:360:flags=bicubic,fps=30,format=yuv420p</c>; "null" passes through.</param>
    /// <param name="input">The frames that will be pushed.</param>
    /// <returns>The configured graph.</returns>
    /// <exception cref="FFmpegException">The chain does not parse or cannot be configured for the input.</exception>
    public static FilterGraph CreateVideo(string filters, VideoFilterInput input) =>
        Create(filters, "buffer", input.ToArguments(), "buffersink");

    /// <summary>Builds an audio graph: <c>abuffer</c> (described by <paramref name="input"/>) → <paramref name="filters"/> → <c>abuffersink</c>.</summary>
    /// <param name="filters">An FFmpeg filter chain, e.g. <c>aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo</c>.</param>
    /// <param name="input">The frames that will be pushed.</param>
    /// <param name="frameSize">Samples per output frame (e.g. the encoder's <see cref="Encoder.FrameSize"/>); 0 leaves sizes as they come (<c>av_buffersink_set_frame_size</c>).</param>
    /// <returns>The configured graph.</returns>
    /// <exception cref="FFmpegException">The chain does not parse or cannot be configured for the input.</exception>
    public static FilterGraph CreateAudio(string filters, AudioFilterInput input, int frameSize = 0)
    {
        var graph = Create(filters, "abuffer", input.ToArguments(), "abuffersink");
        if (frameSize > 0)
        {
            using (graph._handle.Acquire())
            {
                AvFilter.av_buffersink_set_frame_size(graph._sink, (uint)frameSize);
            }
        }

        return graph;
    }

    /// <summary>Pushes a frame into the source (<c>av_buffersrc_add_frame_flags</c> with <c>AV_BUFFERSRC_FLAG_KEEP_REF</c>: the caller keeps its frame); null marks the end of input.</summary>
    /// <param name="frame">A frame matching the graph's input, or null to flush.</param>
    /// <returns><see cref="CodecResult.Ok"/>, or <see cref="CodecResult.EndOfFile"/> when the input was already closed.</returns>
    /// <exception cref="FFmpegException">The frame was rejected or filtering failed.</exception>
    public CodecResult SendFrame(Frame? frame)
    {
        using var graph = _handle.Acquire(); // the filter contexts live as long as the graph
        using var input = OwnedHandle<AVFrame>.AcquireOrNull(frame?.Handle);
        return AvFilter.av_buffersrc_add_frame_flags(_source, input.Pointer, KeepReference)
            .ToCodecResult($"av_buffersrc_add_frame_flags({Description})");
    }

    /// <summary>Pulls a filtered frame (<c>av_buffersink_get_frame</c>); PTS in <see cref="OutputTimeBase"/>.</summary>
    /// <param name="frame">The frame to fill (unreferenced first).</param>
    /// <returns><see cref="CodecResult.Ok"/> with a frame, <see cref="CodecResult.Again"/> when it needs more input, <see cref="CodecResult.EndOfFile"/> when drained.</returns>
    /// <exception cref="FFmpegException">Filtering failed.</exception>
    public CodecResult ReceiveFrame(Frame frame)
    {
        using var graph = _handle.Acquire(); // the filter contexts live as long as the graph
        using var output = frame.Handle.Acquire();
        AvUtil.av_frame_unref(output.Pointer);
        return AvFilter.av_buffersink_get_frame(_sink, output.Pointer).ToCodecResult($"av_buffersink_get_frame({Description})");
    }

    /// <summary>Frees the graph and all its filters (<c>avfilter_graph_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static FilterGraph Create(string filters, string sourceName, string sourceArguments, string sinkName)
    {
        var handle = new OwnedHandle<AVFilterGraph>(
            ErrorCodeExtensions.ThrowIfNull(AvFilter.avfilter_graph_alloc(), "avfilter_graph_alloc"), &Free);
        AVFilterInOut* outputs = null;
        AVFilterInOut* inputs = null;
        try
        {
            using var lease = handle.Acquire();
            var graph = lease.Pointer;
            AVFilterContext* source = null;
            AVFilterContext* sink = null;
            AvFilter.avfilter_graph_create_filter(&source, AvFilter.avfilter_get_by_name(sourceName), "in", sourceArguments, null, graph)
                .ThrowIfError($"avfilter_graph_create_filter({sourceName}={sourceArguments})");
            AvFilter.avfilter_graph_create_filter(&sink, AvFilter.avfilter_get_by_name(sinkName), "out", null, null, graph)
                .ThrowIfError($"avfilter_graph_create_filter({sinkName})");

            // The chain's open input connects to our source's output pad "in"; its open output to our sink "out".
            outputs = OpenPad("in", source);
            inputs = OpenPad("out", sink);
            AvFilter.avfilter_graph_parse_ptr(graph, filters, &inputs, &outputs, null).ThrowIfError($"avfilter_graph_parse_ptr(\"{filters}\")");
            AvFilter.avfilter_graph_config(graph, null).ThrowIfError($"avfilter_graph_config(\"{filters}\")");
            return new FilterGraph(handle, source, sink, filters);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        finally
        {
            AvFilter.avfilter_inout_free(&inputs);
            AvFilter.avfilter_inout_free(&outputs);
        }
    }

    private static AVFilterInOut* OpenPad(string name, AVFilterContext* filter)
    {
        var pad = ErrorCodeExtensions.ThrowIfNull(AvFilter.avfilter_inout_alloc(), "avfilter_inout_alloc");
        pad->name = AvUtil.av_strdup(name);
        pad->filter_ctx = filter;
        pad->pad_idx = 0;
        pad->next = null;
        return pad;
    }

    private static void Free(AVFilterGraph* graph) => AvFilter.avfilter_graph_free(&graph);
}
