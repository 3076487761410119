using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Codecs;

public sealed class CodecParametersTests
{
    [Fact]
    public void FromStream_Should_DescribeTheSourceAndOutliveTheInput()
    {
        CodecParameters video;
        CodecParameters audio;
        using (var input = InputContext.Open(TestMedia.Mp4720p30s))
        {
            video = CodecParameters.From(input.FindStream(MediaType.Video)!);
            audio = CodecParameters.From(input.FindStream(MediaType.Audio)!);
        }

        using (video)
        using (audio)
        {
            Assert.Equal((MediaType.Video, "h264", 1280, 720), (video.MediaType, video.CodecName, video.Width, video.Height));
            Assert.True(video.Level > 0, $"level {video.Level}");
            var avcC = video.GetExtraData();
            Assert.Equal(video.ExtraDataSize, avcC.Length);
            Assert.Equal(1, avcC[0]); // configurationVersion of an ISO/IEC 14496-15 avcC record
            Assert.Equal(video.Profile & 0xff, avcC[1]); // AVCProfileIndication
            Assert.Equal(video.Level, avcC[3]); // AVCLevelIndication

            Assert.Equal((MediaType.Audio, "aac", 1), (audio.MediaType, audio.CodecName, audio.Profile)); // FF_PROFILE_AAC_LOW
            Assert.True(audio.SampleRate > 0 && audio.Channels > 0, audio.ToString());
            Assert.Equal("LC", audio.ProfileName);
            Assert.Equal(2, audio.GetExtraData().Length); // AudioSpecificConfig of AAC-LC
        }
    }

    [Fact]
    public void FromEncoder_Should_CarryParameterSets_And_MuxWithoutTheEncoder()
    {
        using var target = new TempFile(".mp4");
        CodecParameters parameters;
        using var packet = new Packet();
        var timeBase = new Rational(1, 24);
        using (var options = new MediaDictionary { { "preset", "ultrafast" } })
        using (var encoder = Encoder.CreateVideo(new VideoEncoderSettings
        {
            Codec = "libx264",
            Width = 160,
            Height = 90,
            PixelFormat = PixelFormat.Yuv420P,
            TimeBase = timeBase,
            FrameRate = new Rational(24, 1),
            GlobalHeader = true,
            Options = options,
        }))
        {
            parameters = CodecParameters.From(encoder);
            using var picture = SyntheticMedia.Picture(160, 90, 0);
            encoder.SendFrame(picture);
            encoder.SendFrame(null);
            Assert.Equal(CodecResult.Ok, encoder.ReceivePacket(packet));
        }

        using (parameters)
        using (var clone = parameters.Clone())
        {
            parameters.Dispose();
            Assert.Equal((160, 90, "h264"), (clone.Width, clone.Height, clone.CodecName));
            var extraData = clone.GetExtraData();
            Assert.True(extraData.Length > 8, "libx264 with a global header puts SPS/PPS in extradata");
            Assert.Equal([0, 0, 0, 1, 0x67, 66], extraData[..6]); // Annex B start code, SPS NAL header, profile_idc Baseline (ultrafast)
            using var output = OutputContext.Create(target.Path, "mp4");
            var index = output.AddStream(clone, timeBase);
            output.WriteHeader();
            packet.StreamIndex = index;
            packet.RescaleTimestamps(timeBase, output.GetTimeBase(index));
            output.WriteInterleaved(packet);
            output.WriteTrailer();
            Assert.Equal(0, index);
        }

        using var probe = FFprobe.Run(target.Path, "-show_entries", "stream=codec_name,width,height");
        var stream = probe.RootElement.GetProperty("streams")[0];
        Assert.Equal("h264", stream.GetProperty("codec_name").GetString());
        Assert.Equal(160, stream.GetProperty("width").GetInt32());
    }

    [Fact]
    public void DecoderFromParameters_Should_DecodeTheStreamInItsTimeBase()
    {
        using var input = InputContext.Open(TestMedia.Mp4720p30s);
        var stream = input.FindStream(MediaType.Video)!;
        using var parameters = CodecParameters.From(stream);
        using var decoder = Decoder.Create(parameters, stream.TimeBase);
        using var packet = new Packet();
        using var frame = new Frame();
        var size = (Width: 0, Height: 0);
        while (size.Width == 0 && input.ReadPacket(packet))
        {
            if (packet.StreamIndex == stream.Index && decoder.SendPacket(packet) == CodecResult.Ok)
            {
                while (decoder.ReceiveFrame(frame) == CodecResult.Ok)
                {
                    size = (frame.Width, frame.Height);
                }
            }
        }

        Assert.Equal(stream.TimeBase, decoder.TimeBase);
        Assert.Equal((1280, 720), size);
    }
}
