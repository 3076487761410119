using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Codecs;

public sealed class DecoderTests
{
    [Fact]
    public void Decode_Should_YieldAsManyVideoFramesAsFFprobeCounts_When_DecodingWholeClip()
    {
        var path = TestMedia.Webm180p5s;
        using var input = InputContext.Open(path);
        var video = input.FindStream(MediaType.Video)!;
        using var decoder = Decoder.Create(video);
        using var packet = new Packet();
        using var frame = new Frame();
        var frames = 0;
        var lastPts = long.MinValue;

        void Drain()
        {
            while (decoder.ReceiveFrame(frame) == CodecResult.Ok)
            {
                frames++;
                Assert.Equal(video.Width, frame.Width);
                Assert.True(frame.BestEffortTimestamp > lastPts, "frame timestamps must increase");
                lastPts = frame.BestEffortTimestamp;
            }
        }

        while (input.ReadPacket(packet))
        {
            if (packet.StreamIndex == video.Index)
            {
                Assert.Equal(CodecResult.Ok, decoder.SendPacket(packet));
                Drain();
            }
        }

        Assert.Equal(CodecResult.Ok, decoder.SendPacket(null));
        Drain();
        Assert.Equal(CodecResult.EndOfFile, decoder.ReceiveFrame(frame));
        Assert.Equal("vp9", video.CodecName);
        Assert.Equal(FFprobe.CountFrames(path, "v:0"), frames);
    }

    [Fact]
    public void Decode_Should_YieldAudioFramesWithChannelLayout_When_DecodingOpus()
    {
        using var input = InputContext.Open(TestMedia.Webm180p5s);
        var audio = input.FindStream(MediaType.Audio)!;
        using var decoder = Decoder.Create(audio);
        using var packet = new Packet();
        using var frame = new Frame();
        while (input.ReadPacket(packet))
        {
            if (packet.StreamIndex == audio.Index && decoder.SendPacket(packet) == CodecResult.Ok && decoder.ReceiveFrame(frame) == CodecResult.Ok)
            {
                break;
            }
        }

        Assert.Equal(audio.SampleRate, frame.SampleRate);
        Assert.Equal(audio.ChannelLayout!.Channels, frame.ChannelLayout.Channels);
        Assert.True(frame.SampleCount > 0);
    }

    [Fact]
    public void Create_Should_RejectUnknownOption_When_DecoderDoesNotKnowIt()
    {
        using var input = InputContext.Open(TestMedia.Webm180p5s);
        using var options = new MediaDictionary { { "no_such_option", "1" } };

        var error = Assert.Throws<ArgumentException>(() => Decoder.Create(input.FindStream(MediaType.Video)!, new DecoderOptions { Options = options }));

        Assert.Contains("no_such_option=1", error.Message);
    }
}
