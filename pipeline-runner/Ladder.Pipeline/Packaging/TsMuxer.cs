using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One HLS rendition muxed to MPEG-TS in memory (ISO/IEC 13818-1; RFC 8216 section 3.2): FFmpeg's mpegts muxer with the
/// video track as stream 0 and the shared audio as stream 1, kept open across segments so continuity counters and the
/// PCR run on; <see cref="Flush"/> (<c>av_write_frame(NULL)</c>, which flushes the buffered PES data) returns the bytes
/// written since the last one, so a segment is the bytes between two boundaries. A segment starts with its IDR: the
/// muxer writes PAT and PMT before a video keyframe that follows a non-key packet (libavformat/mpegtsenc.c, FFmpeg 5.1,
/// <c>force_pat</c>), and <c>mpegts_flags=resend_headers</c> covers the first. H.264/HEVC get Annex B start codes
/// (the muxer's automatic <c>h264_mp4toannexb</c>/<c>hevc_mp4toannexb</c>) and AAC ADTS headers. Not thread-safe.
/// </summary>
internal sealed class TsMuxer : IDisposable
{
    private readonly MemoryStream _sink;
    private readonly OutputContext _output;
    private readonly Rational[] _timeBases;

    private TsMuxer(OutputContext output, MemoryStream sink, Rational[] timeBases)
    {
        _output = output;
        _sink = sink;
        _timeBases = timeBases;
    }

    /// <summary>The video track version the muxer was opened for.</summary>
    public required TrackInfo Video { get; init; }

    /// <summary>The audio track version the muxer was opened for; null without audio.</summary>
    public required TrackInfo? Audio { get; init; }

    /// <summary>Opens the muxer and writes nothing yet (the header goes out with the first segment).</summary>
    /// <param name="video">The rendition's track version.</param>
    /// <param name="audio">The audio track version, or null for video only.</param>
    /// <returns>The muxer.</returns>
    /// <exception cref="FFmpegException">The mpegts muxer refused a codec.</exception>
    public static TsMuxer Create(TrackInfo video, TrackInfo? audio)
    {
        var sink = new MemoryStream();
        var output = OutputContext.CreateInMemory("mpegts", sink, 188 * 64);
        try
        {
            output.AddStream(video.Parameters, video.TimeBase);
            if (audio is not null)
            {
                output.AddStream(audio.Parameters, audio.TimeBase);
            }

            using var options = new MediaDictionary { { "mpegts_flags", "resend_headers" } };
            output.WriteHeader(options);
            Rational[] timeBases = audio is null ? [output.GetTimeBase(0)] : [output.GetTimeBase(0), output.GetTimeBase(1)];
            return new TsMuxer(output, sink, timeBases) { Video = video, Audio = audio };
        }
        catch
        {
            output.Dispose();
            sink.Dispose();
            throw;
        }
    }

    /// <summary>Writes one packet (<c>av_write_frame</c>) moved onto the packaged media timeline; the caller keeps it.</summary>
    /// <param name="packet">The packet, timestamps and duration in <paramref name="track"/>'s time base; decode timestamps must increase per stream.</param>
    /// <param name="track">Its track: <see cref="Video"/> or <see cref="Audio"/>.</param>
    /// <exception cref="FFmpegException">The muxer rejected the packet.</exception>
    public void Write(Packet packet, TrackInfo track)
    {
        var index = track.MediaType == MediaType.Video ? 0 : 1;
        var offset = Rational.Rescale(PackagingSettings.MediaTimeOffset, new Rational(1, 1), track.TimeBase);
        packet.StreamIndex = index;
        packet.Pts += offset;
        packet.Dts = (packet.Dts == Timestamp.None ? packet.Pts - offset : packet.Dts) + offset;
        packet.RescaleTimestamps(track.TimeBase, _timeBases[index]);
        _output.Write(packet);
    }

    /// <summary>Pushes out the buffered PES data and returns the bytes written since the last call: one segment.</summary>
    /// <returns>Whole 188-byte transport packets.</returns>
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
