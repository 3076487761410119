using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A bitstream filter on compressed packets (libavcodec/bsf.h <c>AVBSFContext</c>), e.g. <c>h264_mp4toannexb</c> for
/// MPEG-TS/SRT from MP4 input or <c>aac_adtstoasc</c> for MP4/FLV from MPEG-TS input. Send/receive like a codec.
/// </summary>
public sealed unsafe class BitstreamFilter : IDisposable
{
    private readonly OwnedHandle<AVBSFContext> _handle;

    private BitstreamFilter(AVBSFContext* context, string name)
    {
        _handle = new OwnedHandle<AVBSFContext>(context, &Free);
        Name = name;
    }

    /// <summary>The filter's FFmpeg name.</summary>
    public string Name { get; }

    /// <summary>The time base of packets coming out (<c>time_base_out</c>).</summary>
    public Rational OutputTimeBase { get { using var context = _handle.Acquire(); return Rational.FromNative(context.Pointer->time_base_out); } }

    /// <summary>Creates a filter for the packets of <paramref name="stream"/> (<c>av_bsf_get_by_name</c>, <c>av_bsf_alloc</c>, <c>av_bsf_init</c>).</summary>
    /// <param name="name">The filter's FFmpeg name.</param>
    /// <param name="stream">The input stream whose packets will pass; its <see cref="InputContext"/> must be open.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">No such bitstream filter.</exception>
    /// <exception cref="FFmpegException">The filter does not accept the stream's codec.</exception>
    public static BitstreamFilter Create(string name, StreamInfo stream)
    {
        var filter = AvCodec.av_bsf_get_by_name(name);
        if (filter == null)
        {
            throw new ArgumentException($"Unknown bitstream filter '{name}'; run 'ffmpeg -bsfs'.", nameof(name));
        }

        AVBSFContext* context = null;
        AvCodec.av_bsf_alloc(filter, &context).ThrowIfError($"av_bsf_alloc({name})");
        var result = new BitstreamFilter(context, name);
        try
        {
            using (stream.AcquireParameters(out var parameters))
            {
                AvCodec.avcodec_parameters_copy(context->par_in, parameters).ThrowIfError("avcodec_parameters_copy");
            }

            context->time_base_in = stream.TimeBase.ToNative();
            AvCodec.av_bsf_init(context).ThrowIfError($"av_bsf_init({name}, {stream.CodecName})");
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Sends a packet (<c>av_bsf_send_packet</c>, which takes its data); null signals the end of the stream.</summary>
    /// <param name="packet">A packet in the input time base, or null.</param>
    /// <returns><see cref="CodecResult.Again"/> when packets must be received first.</returns>
    /// <exception cref="FFmpegException">The filter rejected the packet.</exception>
    public CodecResult SendPacket(Packet? packet)
    {
        using var context = _handle.Acquire();
        using var input = OwnedHandle<AVPacket>.AcquireOrNull(packet?.Handle);
        return AvCodec.av_bsf_send_packet(context.Pointer, input.Pointer).ToCodecResult($"av_bsf_send_packet({Name})");
    }

    /// <summary>Receives a filtered packet (<c>av_bsf_receive_packet</c>); timestamps in <see cref="OutputTimeBase"/>.</summary>
    /// <param name="packet">An empty packet to fill.</param>
    /// <returns><see cref="CodecResult.Ok"/> with a packet, <see cref="CodecResult.Again"/> for more input, <see cref="CodecResult.EndOfFile"/> when drained.</returns>
    /// <exception cref="FFmpegException">Filtering failed.</exception>
    public CodecResult ReceivePacket(Packet packet)
    {
        using var context = _handle.Acquire();
        using var output = packet.Handle.Acquire();
        AvCodec.av_packet_unref(output.Pointer);
        return AvCodec.av_bsf_receive_packet(context.Pointer, output.Pointer).ToCodecResult($"av_bsf_receive_packet({Name})");
    }

    /// <summary>Frees the filter (<c>av_bsf_free</c>).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Free(AVBSFContext* context) => AvCodec.av_bsf_free(&context);
}
