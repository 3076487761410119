using Ladder.Api.Pipeline;
using Ladder.LibAv;
using Ladder.Pipeline.Decoding;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Stages;
using Ladder.Pipeline.Status;
using Ladder.Pipeline.Timing;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Audio;

/// <summary>
/// The audio of the whole ladder, on one thread: decode the source audio once, convert it in a filter graph
/// (<c>aresample</c> to the spec's sample rate, with <c>async=1</c> so a gap in the input, e.g. a failover to another
/// input, is filled with silence and the audio track stays continuous; <c>aformat</c> to the encoder's sample format and channel layout,
/// frames cut to the encoder's frame size by the buffer sink, like <c>asetnsamples</c>), encode once with
/// <c>spec.audio.encoder</c> (aac or libopus) and write the packets to the one track <c>audio</c> that every
/// rendition shares, timestamps in 1/sample-rate. The decoder follows the input (recreated on each
/// <see cref="SourceFormat"/>), the graph follows the decoded format, and the encoder stays open throughout. A reload
/// that changes <c>spec.audio</c> replaces the stage: the new one announces the next <see cref="TrackInfo.Version"/>
/// (a new init segment and URI) and takes over on a segment boundary, while the old one drains and leaves the track.
/// On a live or paced input, when no audio comes for 40 ms past the time the next was due (a reconnect, a changed
/// input, an outage before failover), 40 ms frames of silence go into the filter graph, paced by the wall clock
/// (<see cref="GapFiller"/>), so the audio track keeps pace with the repeated video; decoded audio that comes back
/// wholly inside the silence is dropped, and <c>aresample</c> joins the rest on.
/// </summary>
internal sealed class AudioStage : SourceDecodeStage
{
    /// <summary>The id of the shared audio track.</summary>
    public const string TrackId = "audio";

    /// <summary>One frame of silence: 40 ms, in pipeline ticks (a whole number of samples at every rate divisible by 25).</summary>
    private const long SilenceTicks = PipelineTime.Frequency / 25;

    private readonly PipelineAudio _audio;
    private readonly IEncodedPacketSink _sink;
    private readonly Frame _decoded = new();
    private readonly Frame _filtered = new();
    private readonly Packet _packet = new();
    private readonly Frame _silenceFrame = new();
    private readonly TimeProvider? _clock;
    private GapFiller? _silence;
    private Decoder? _decoder;
    private FilterGraph? _graph;
    private (int SampleRate, SampleFormat Format, ChannelLayout Layout) _graphInput;
    private Encoder? _encoder;
    private readonly int _trackVersion;
    private TrackInfo? _track;
    private long _errors;
    private volatile bool _keepTrack;
    private long _until = long.MaxValue;

    /// <summary>Creates the stage.</summary>
    /// <param name="audio">The audio settings.</param>
    /// <param name="sink">Where the encoded packets go.</param>
    /// <param name="packets">The packet pool.</param>
    /// <param name="capacity">The input queue's bound, in packets.</param>
    /// <param name="fullMode">What a full queue does.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="clock">The wall clock that paces silence while no audio comes; null for an unpaced file input (no silence).</param>
    /// <param name="trackVersion">The <see cref="TrackInfo.Version"/> to announce: 1, or one more than the stage it replaces.</param>
    public AudioStage(
        PipelineAudio audio, IEncodedPacketSink sink, MediaPool<Packet> packets, int capacity, QueueFullMode fullMode, ILogger logger, TimeProvider? clock, int trackVersion = 1)
        : base(Reload.StageNames.Audio, "audio", logger, packets, capacity, fullMode)
    {
        _clock = clock;
        _audio = audio;
        _sink = sink;
        _trackVersion = trackVersion;
    }

    /// <summary>The <see cref="TrackInfo.Version"/> this stage announces.</summary>
    public int TrackVersion => _trackVersion;

    /// <summary>
    /// Hands the track over to a replacement (a new version) at <paramref name="boundary"/> (pipeline ticks, a segment
    /// boundary): no packet starting at or after it is written (the encoder's tail beyond the last input frame would
    /// otherwise open the boundary's segment in the old version and push the new one to the next), and the track stays
    /// announced when the stage ends.
    /// </summary>
    public void HandOverAt(long boundary)
    {
        Interlocked.Exchange(ref _until, boundary);
        _keepTrack = true;
    }

    /// <summary>The audio track's figures, in the shape of a rendition's.</summary>
    public TrackStatus GetStatus() =>
        new(TrackId, false, _track?.Parameters.CodecName, 0, 0, 0, Counters.Items, 0, Counters.Bitrate, Counters.MediaSeconds);

    /// <inheritdoc />
    protected override bool HasDecoder => _decoder is not null;

    /// <inheritdoc />
    protected override void Reconfigure(SourceFormat format)
    {
        using var parameters = format.Parameters;
        FlushDecoder();
        _decoder?.Dispose();
        _decoder = null;
        _decoder = Decoder.Create(parameters, PipelineTime.TimeBase);
        SetState(StageState.Running, detail: $"decoding {parameters}, encoding {_audio.Encoder} {_audio.SampleRate} Hz {_audio.Channels} ch at {_audio.Bitrate} bit/s");
    }

    /// <inheritdoc />
    protected override TimeSpan Idle(TimeSpan poll)
    {
        if (_silence is not { } silence)
        {
            return poll;
        }

        while (silence.TryNext(out var pts))
        {
            SendSilence(pts);
        }

        return silence.Wait(poll);
    }

    /// <inheritdoc />
    protected override void Drain()
    {
        FlushDecoder();
        FlushGraph();
        if (_encoder is not null)
        {
            _encoder.SendFrame(null);
            ReceivePackets();
        }
    }

    /// <inheritdoc />
    protected override void Finish()
    {
        base.Finish();
        if (_track is not null)
        {
            if (!_keepTrack)
            {
                _sink.RemoveTrack(TrackId);
            }

            _track.Parameters.Dispose();
        }

        _decoder?.Dispose();
        _graph?.Dispose();
        _encoder?.Dispose();
        _decoded.Dispose();
        _filtered.Dispose();
        _silenceFrame.Dispose();
        _packet.Dispose();
    }

    /// <inheritdoc />
    protected override void Decode(Packet packet)
    {
        try
        {
            while (_decoder!.SendPacket(packet) == CodecResult.Again)
            {
                ReceiveFrames();
            }

            ReceiveFrames();
        }
        catch (FFmpegException error)
        {
            _errors++;
            SetState(StageState.Running, detail: $"skipped {_errors} corrupt audio packets; last: {error.Message}");
        }
    }

    private void FlushDecoder()
    {
        if (_decoder is not null)
        {
            _decoder.SendPacket(null);
            ReceiveFrames();
        }
    }

    private void ReceiveFrames()
    {
        while (_decoder!.ReceiveFrame(_decoded) == CodecResult.Ok)
        {
            var pts = _decoded.BestEffortTimestamp;
            if (pts == Timestamp.None)
            {
                continue;
            }

            var end = pts + Rational.Rescale(_decoded.SampleCount, new Rational(1, _decoded.SampleRate), PipelineTime.TimeBase);
            if (_silence is { } silence && end <= silence.End)
            {
                silence.Delivered(pts, end); // wholly inside the silence already sent
                continue;
            }

            _decoded.Pts = pts;
            EnsureGraph(_decoded);
            _graph!.SendFrame(_decoded);
            PullFiltered();
            if (_clock is not null)
            {
                _silence ??= new GapFiller(_clock, PipelineTime.TimeBase, SilenceTicks);
                _silence.Delivered(pts, end);
            }
        }
    }

    /// <summary>Sends 40 ms of silence at <paramref name="pts"/> (pipeline ticks) into the graph, in the graph's input format.</summary>
    private void SendSilence(long pts)
    {
        var (sampleRate, format, layout) = _graphInput;
        _silenceFrame.Unref();
        _silenceFrame.SampleRate = sampleRate;
        _silenceFrame.SampleFormat = format;
        _silenceFrame.ChannelLayout = layout;
        _silenceFrame.SampleCount = (int)Rational.Rescale(SilenceTicks, PipelineTime.TimeBase, new Rational(1, sampleRate));
        _silenceFrame.AllocateBuffers();
        var planar = format.Name.EndsWith('p');
        var zero = format.Name.StartsWith("u8", StringComparison.Ordinal) ? (byte)0x80 : (byte)0;
        for (var plane = 0; plane < (planar ? layout.Channels : 1); plane++)
        {
            _silenceFrame.GetPlane(plane, 1).Fill(zero);
        }

        _silenceFrame.Pts = pts;
        _graph!.SendFrame(_silenceFrame);
        PullFiltered();
    }

    private void EnsureGraph(Frame frame)
    {
        var input = (frame.SampleRate, frame.SampleFormat, frame.ChannelLayout);
        if (_graph is not null && input == _graphInput)
        {
            return;
        }

        var encoder = _encoder ?? OpenEncoder();
        FlushGraph();
        _graph?.Dispose();
        _graph = null;
        var layout = Layout(_audio.Channels);
        _graph = FilterGraph.CreateAudio(
            $"aresample={_audio.SampleRate}:async=1,aformat=sample_fmts={SampleFormatFor(_audio.Encoder).Name}:channel_layouts={layout.Name}",
            new AudioFilterInput { SampleRate = frame.SampleRate, SampleFormat = frame.SampleFormat, ChannelLayout = frame.ChannelLayout, TimeBase = PipelineTime.TimeBase },
            encoder.FrameSize);
        _graphInput = input;
    }

    private void FlushGraph()
    {
        if (_graph is not null)
        {
            _graph.SendFrame(null);
            PullFiltered();
        }
    }

    private void PullFiltered()
    {
        var encoder = _encoder!;
        var graphTimeBase = _graph!.OutputTimeBase;
        while (_graph.ReceiveFrame(_filtered) == CodecResult.Ok)
        {
            _filtered.Pts = Rational.Rescale(_filtered.Pts, graphTimeBase, encoder.TimeBase);
            while (encoder.SendFrame(_filtered) == CodecResult.Again)
            {
                ReceivePackets();
            }

            ReceivePackets();
        }
    }

    private Encoder OpenEncoder()
    {
        _encoder = Encoder.CreateAudio(new AudioEncoderSettings
        {
            Codec = _audio.Encoder,
            SampleRate = _audio.SampleRate,
            SampleFormat = SampleFormatFor(_audio.Encoder),
            ChannelLayout = Layout(_audio.Channels),
            BitRate = _audio.Bitrate,
            GlobalHeader = true,
        });
        _track = new TrackInfo
        {
            Id = TrackId,
            Version = _trackVersion,
            MediaType = MediaType.Audio,
            Parameters = CodecParameters.From(_encoder),
            TimeBase = _encoder.TimeBase,
            Bitrate = _audio.Bitrate,
            MaxBitrate = _audio.Bitrate,
        };
        _sink.AddTrack(_track);
        PipelineLog.TrackAdded(Logger, TrackId, _track.Parameters);
        return _encoder;
    }

    private void ReceivePackets()
    {
        while (_encoder!.ReceivePacket(_packet) == CodecResult.Ok)
        {
            var ticks = Rational.Rescale(_packet.Pts, _encoder.TimeBase, PipelineTime.TimeBase);
            if (ticks >= Interlocked.Read(ref _until))
            {
                continue;
            }

            Counters.Record(_packet.Size, ticks);
            _sink.Write(new EncodedPacket(_track!, _packet, false));
        }
    }

    /// <summary>FFmpeg's aac encoder takes planar float; libopus interleaved float.</summary>
    private static SampleFormat SampleFormatFor(string encoder) => encoder == "libopus" ? SampleFormat.Flt : SampleFormat.FltP;

    private static ChannelLayout Layout(int channels) => channels switch
    {
        1 => ChannelLayout.Mono,
        2 => ChannelLayout.Stereo,
        6 => ChannelLayout.Parse("5.1"),
        8 => ChannelLayout.Parse("7.1"),
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, $"spec.audio.channels: {channels} channels have no standard layout; use 1, 2, 6 or 8."),
    };
}
