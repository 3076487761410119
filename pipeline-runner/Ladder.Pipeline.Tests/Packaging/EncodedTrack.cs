using Ladder.LibAv;
using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>A track encoded in the test with real FFmpeg encoders, as the media core would hand it to the packager.</summary>
internal sealed class EncodedTrack : IDisposable
{
    private EncodedTrack(TrackInfo track, List<EncodedPacket> packets)
    {
        Track = track;
        Packets = packets;
    }

    public TrackInfo Track { get; }

    public List<EncodedPacket> Packets { get; }

    /// <summary>libx264 (veryfast, B-frames on) at 24 fps in a 1/90000 time base, an IDR forced every <c>keyframeSeconds</c> (default 1 s) and marked StartsSegment.</summary>
    public static EncodedTrack Video(string id, int width, int height, double seconds, int version = 1, long bitrate = 300_000, double startSeconds = 0, double keyframeSeconds = 1)
    {
        using var options = new MediaDictionary { { "preset", "veryfast" }, { "forced-idr", "1" }, { "x264-params", "scenecut=0" } };
        using var encoder = Encoder.CreateVideo(new VideoEncoderSettings
        {
            Codec = "libx264",
            Width = width,
            Height = height,
            PixelFormat = PixelFormat.Yuv420P,
            TimeBase = Rational.Mpeg90kHz,
            FrameRate = new Rational(24, 1),
            BitRate = bitrate,
            GopSize = 240,
            Threads = 1,
            GlobalHeader = true,
            Options = options,
        });
        var track = new TrackInfo
        {
            Id = id,
            Version = version,
            MediaType = MediaType.Video,
            Parameters = CodecParameters.From(encoder),
            TimeBase = Rational.Mpeg90kHz,
            Bitrate = bitrate,
            MaxBitrate = bitrate * 2,
            FrameRate = new Rational(24, 1),
        };
        var packets = new List<EncodedPacket>();
        using var frame = new Frame { Width = width, Height = height, PixelFormat = PixelFormat.Yuv420P };
        frame.AllocateBuffers();
        var first = (int)Math.Round(startSeconds * 24);
        for (var i = first; i < first + (int)(seconds * 24); i++)
        {
            frame.MakeWritable();
            var luma = frame.GetPlane(0, height);
            var stride = frame.GetLineSize(0);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    luma[(y * stride) + x] = (byte)((x + y + (i * 3)) & 0xFF);
                }
            }

            frame.GetPlane(1, height / 2).Fill(128);
            frame.GetPlane(2, height / 2).Fill(128);
            frame.Pts = i * 3750L;
            frame.PictureType = i % (int)Math.Round(keyframeSeconds * 24) == 0 ? PictureType.I : PictureType.None;
            encoder.SendFrame(frame);
            Receive(encoder, track, packets, video: true);
        }

        encoder.SendFrame(null);
        Receive(encoder, track, packets, video: true);
        return new EncodedTrack(track, packets);
    }

    /// <summary>FFmpeg's AAC-LC encoder, 48 kHz stereo, a 440 Hz sine, time base 1/48000.</summary>
    public static EncodedTrack Audio(double seconds)
    {
        using var encoder = Encoder.CreateAudio(new AudioEncoderSettings
        {
            Codec = "aac",
            SampleRate = 48000,
            SampleFormat = SampleFormat.FltP,
            ChannelLayout = ChannelLayout.Stereo,
            BitRate = 96_000,
            GlobalHeader = true,
        });
        var track = new TrackInfo
        {
            Id = "audio",
            MediaType = MediaType.Audio,
            Parameters = CodecParameters.From(encoder),
            TimeBase = new Rational(1, 48000),
            Bitrate = 96_000,
            MaxBitrate = 96_000,
        };
        var packets = new List<EncodedPacket>();
        using var frame = new Frame { SampleCount = 1024, SampleFormat = SampleFormat.FltP, SampleRate = 48000, ChannelLayout = ChannelLayout.Stereo };
        frame.AllocateBuffers();
        var total = (int)(seconds * 48000 / 1024);
        for (var i = 0; i < total; i++)
        {
            frame.MakeWritable();
            for (var plane = 0; plane < 2; plane++)
            {
                var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(frame.GetPlane(plane, 1));
                for (var s = 0; s < 1024; s++)
                {
                    samples[s] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * ((i * 1024) + s) / 48000f);
                }
            }

            frame.Pts = i * 1024L;
            encoder.SendFrame(frame);
            Receive(encoder, track, packets, video: false);
        }

        encoder.SendFrame(null);
        Receive(encoder, track, packets, video: false);
        return new EncodedTrack(track, packets);
    }

    public void Dispose()
    {
        foreach (var packet in Packets)
        {
            packet.Packet.Dispose();
        }

        Track.Parameters.Dispose();
    }

    private static void Receive(Encoder encoder, TrackInfo track, List<EncodedPacket> packets, bool video)
    {
        while (true)
        {
            var packet = new Packet();
            if (encoder.ReceivePacket(packet) != CodecResult.Ok)
            {
                packet.Dispose();
                return;
            }

            packets.Add(new EncodedPacket(track, packet, video && packet.IsKeyframe));
        }
    }
}
