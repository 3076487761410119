using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Codecs;

public sealed class EncoderTests
{
    private const int Width = 320;
    private const int Height = 180;
    private const int FrameCount = 48; // 2 s at 24 frames/s
    private const int SampleRate = 48000;
    private static readonly int[] s_forcedKeyframes = [0, 20, 37];

    [Fact]
    public void EncodeToFragmentedMp4InMemory_Should_ProduceH264AndAacWithKeyframesExactlyWhereForced()
    {
        using var sink = new MemoryStream();
        using (var output = OutputContext.CreateInMemory("mp4", sink))
        {
            using var x264Options = new MediaDictionary { { "preset", "ultrafast" }, { "forced-idr", "1" }, { "x264-params", "scenecut=0" } };
            using var video = Encoder.CreateVideo(new VideoEncoderSettings
            {
                Codec = "libx264",
                Width = Width,
                Height = Height,
                PixelFormat = PixelFormat.Yuv420P,
                TimeBase = new Rational(1, 24),
                FrameRate = new Rational(24, 1),
                GopSize = 1000,
                MaxBFrames = 2,
                BitRate = 300_000,
                GlobalHeader = output.NeedsGlobalHeader,
                Options = x264Options,
            });
            using var audio = Encoder.CreateAudio(new AudioEncoderSettings
            {
                Codec = "aac",
                SampleRate = SampleRate,
                SampleFormat = SampleFormat.FltP,
                ChannelLayout = ChannelLayout.Stereo,
                BitRate = 96_000,
                GlobalHeader = output.NeedsGlobalHeader,
            });
            var videoIndex = output.AddStream(video);
            var audioIndex = output.AddStream(audio);
            using var muxOptions = new MediaDictionary { { "movflags", "frag_custom+empty_moov+default_base_moof" } };
            output.WriteHeader(muxOptions);
            var headerBytes = sink.Length;
            using var packet = new Packet();

            void Pump(Encoder encoder, int streamIndex)
            {
                while (encoder.ReceivePacket(packet) == CodecResult.Ok)
                {
                    if (streamIndex == videoIndex && packet.IsKeyframe && packet.Pts > 0)
                    {
                        output.FlushFragment(); // CMAF: one fragment per forced keyframe
                    }

                    packet.StreamIndex = streamIndex;
                    packet.RescaleTimestamps(encoder.TimeBase, output.GetTimeBase(streamIndex));
                    output.WriteInterleaved(packet);
                }
            }

            long nextSample = 0;
            for (var i = 0; i < FrameCount; i++)
            {
                using var picture = SyntheticMedia.Picture(Width, Height, i);
                picture.PictureType = s_forcedKeyframes.Contains(i) ? PictureType.I : PictureType.None;
                Assert.Equal(CodecResult.Ok, video.SendFrame(picture));
                Pump(video, videoIndex);

                // Audio up to the end of this video frame, as a live source would deliver it.
                for (; nextSample < (i + 1) * SampleRate / 24; nextSample += audio.FrameSize)
                {
                    using var tone = SyntheticMedia.Tone(audio.FrameSize, SampleRate, nextSample);
                    Assert.Equal(CodecResult.Ok, audio.SendFrame(tone));
                    Pump(audio, audioIndex);
                }
            }

            video.SendFrame(null);
            Pump(video, videoIndex);
            audio.SendFrame(null);
            Pump(audio, audioIndex);
            output.WriteTrailer();
            Assert.True(headerBytes > 0, "empty_moov: the init segment reaches the sink at WriteHeader");
        }

        using var file = new TempFile(".mp4");
        File.WriteAllBytes(file.Path, sink.ToArray());
        using var streams = FFprobe.Run(file.Path, "-show_streams");
        var videoStream = streams.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "video");
        var audioStream = streams.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("h264", videoStream.GetProperty("codec_name").GetString());
        Assert.Equal(Width, videoStream.GetProperty("width").GetInt32());
        Assert.Equal(Height, videoStream.GetProperty("height").GetInt32());
        Assert.Equal("aac", audioStream.GetProperty("codec_name").GetString());
        Assert.Equal(2, audioStream.GetProperty("channels").GetInt32());

        using var frames = FFprobe.Run(file.Path, "-select_streams", "v:0", "-show_entries", "frame=key_frame");
        var keyFlags = frames.RootElement.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("key_frame").GetInt32()).ToList();
        Assert.Equal(FrameCount, keyFlags.Count);
        Assert.Equal(s_forcedKeyframes, keyFlags.Select((key, index) => (key, index)).Where(f => f.key == 1).Select(f => f.index));
        Assert.Equal(s_forcedKeyframes.Length, CountBoxes(sink.ToArray(), "moof"u8));
    }

    // The frames libx264 holds back before its first packet (its latency), as Ladder opens it: the default settings
    // (lookahead 10, 2 B-frames, frame threads) against its low-latency ones (no lookahead, no B-frames, sliced threads).
    [Theory]
    [InlineData("rc-lookahead=10", 2, 2, 14, 16)]
    [InlineData("rc-lookahead=0:sync-lookahead=0:sliced-threads=1", 0, 2, 0, 1)]
    public void SendFrame_Should_HoldBackTheFramesItsLookaheadBFramesAndThreadsNeed(string x264Params, int bFrames, int threads, int least, int most)
    {
        using var options = new MediaDictionary { { "preset", "veryfast" }, { "x264-params", x264Params } };
        using var video = Encoder.CreateVideo(new VideoEncoderSettings
        {
            Codec = "libx264",
            Width = Width,
            Height = Height,
            PixelFormat = PixelFormat.Yuv420P,
            TimeBase = new Rational(1, 24),
            FrameRate = new Rational(24, 1),
            MaxBFrames = bFrames,
            Threads = threads,
            BitRate = 300_000,
            Options = options,
        });
        using var packet = new Packet();

        var held = 0;
        for (var i = 0; i < FrameCount; i++, held++)
        {
            using var picture = SyntheticMedia.Picture(Width, Height, i);
            Assert.Equal(CodecResult.Ok, video.SendFrame(picture));
            if (video.ReceivePacket(packet) == CodecResult.Ok)
            {
                break;
            }
        }

        Assert.InRange(held, least, most);
    }

    [Fact]
    public void CreateVideo_Should_NameTheEncoder_When_ItIsNotInThisBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => Encoder.CreateVideo(new VideoEncoderSettings
        {
            Codec = "no_such_encoder",
            Width = Width,
            Height = Height,
            PixelFormat = PixelFormat.Yuv420P,
            TimeBase = new Rational(1, 24),
            FrameRate = new Rational(24, 1),
        }));

        Assert.Contains("no_such_encoder", error.Message);
    }

    private static int CountBoxes(ReadOnlySpan<byte> mp4, ReadOnlySpan<byte> type)
    {
        var count = 0;
        for (var offset = 0; offset + 8 <= mp4.Length;)
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mp4[offset..]);
            count += mp4.Slice(offset + 4, 4).SequenceEqual(type) ? 1 : 0;
            offset += Math.Max(size, 8);
        }

        return count;
    }
}
