using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One track version muxed to CMAF in memory (ISO/IEC 23000-19 section 7): FFmpeg's mp4 muxer with
/// <c>movflags=frag_custom+empty_moov+default_base_moof+frag_discont+skip_sidx+skip_trailer</c> (libavformat/movenc.c,
/// FFmpeg 5.1), <c>use_editlist=0</c> and <c>avoid_negative_ts=disabled</c>, so the header is the init segment and
/// each <see cref="Flush"/> returns one fragment (<c>moof</c> + <c>mdat</c>) whose <c>tfdt</c> is the first sample's
/// decode time as given (no shifting: the first fragment's time comes from its first packet through
/// <c>frag_discont</c>, later ones follow from the sample durations). <c>+cmaf</c> is left out on purpose: in 5.1 it
/// turns on negative composition offsets that move the first decode time onto the presentation time, which shifts
/// video against audio by the encoder's reorder delay. Not thread-safe: one muxing loop owns it.
/// </summary>
internal sealed class CmafMuxer : IDisposable
{
    private const string MovFlags = "frag_custom+empty_moov+default_base_moof+frag_discont+skip_sidx+skip_trailer";
    private readonly MemoryStream _sink;
    private readonly OutputContext _output;

    private CmafMuxer(OutputContext output, MemoryStream sink, Rational timeBase, byte[] init)
    {
        _output = output;
        _sink = sink;
        TimeBase = timeBase;
        InitSegment = init;
    }

    /// <summary>The stream's time base after the header (the <c>mdhd</c> timescale is its denominator): packets must be in it.</summary>
    public Rational TimeBase { get; }

    /// <summary>The init segment: <c>ftyp</c> + <c>moov</c> with an empty sample table and <c>mvex</c>.</summary>
    public byte[] InitSegment { get; }

    /// <summary>Opens the muxer for <paramref name="track"/> and writes its header.</summary>
    /// <param name="track">The track version; its codec parameters need out-of-band extradata (global header).</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegException">The mp4 muxer refused the codec parameters.</exception>
    public static CmafMuxer Create(TrackInfo track)
    {
        var sink = new MemoryStream();
        var output = OutputContext.CreateInMemory("mp4", sink);
        try
        {
            output.AddStream(track.Parameters, track.TimeBase);
            using var options = new MediaDictionary
            {
                { "movflags", MovFlags },
                { "use_editlist", "0" },
                { "avoid_negative_ts", "disabled" },
            };
            output.WriteHeader(options);
            output.FlushFragment();
            var init = sink.ToArray();
            sink.SetLength(0);
            return new CmafMuxer(output, sink, output.GetTimeBase(0), init);
        }
        catch
        {
            output.Dispose();
            sink.Dispose();
            throw;
        }
    }

    /// <summary>Adds one sample to the open fragment (<c>av_write_frame</c>); the caller keeps the packet.</summary>
    /// <param name="packet">Timestamps and duration in <see cref="TimeBase"/> ticks; decode timestamps must increase.</param>
    /// <exception cref="FFmpegException">The muxer rejected the packet.</exception>
    public void Write(Packet packet)
    {
        packet.StreamIndex = 0;
        _output.Write(packet);
    }

    /// <summary>Closes the open fragment (<c>av_write_frame(NULL)</c>) and returns its bytes.</summary>
    /// <returns>The media segment: <c>moof</c> + <c>mdat</c>.</returns>
    /// <exception cref="FFmpegException">Writing failed.</exception>
    public byte[] Flush()
    {
        _output.FlushFragment();
        var bytes = _sink.ToArray();
        _sink.SetLength(0);
        return bytes;
    }

    /// <summary>Frees the muxer without writing a trailer.</summary>
    public void Dispose()
    {
        _output.Dispose();
        _sink.Dispose();
    }
}
