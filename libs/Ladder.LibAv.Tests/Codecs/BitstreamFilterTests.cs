using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Codecs;

public sealed class BitstreamFilterTests
{
    [Fact]
    public void Mp4ToAnnexB_Should_PrefixPacketsWithStartCodes()
    {
        using var input = InputContext.Open(TestMedia.Mp4720p30s);
        var video = input.FindStream(MediaType.Video)!;
        using var filter = BitstreamFilter.Create("h264_mp4toannexb", video);
        using var packet = new Packet();
        using var filtered = new Packet();
        do
        {
            Assert.True(input.ReadPacket(packet));
        }
        while (packet.StreamIndex != video.Index);

        Assert.False(packet.Data[..4].SequenceEqual(new byte[] { 0, 0, 0, 1 }), "MP4 packets carry length prefixes");
        Assert.Equal(CodecResult.Ok, filter.SendPacket(packet));
        Assert.Equal(CodecResult.Ok, filter.ReceivePacket(filtered));

        Assert.True(filtered.Data[..4].SequenceEqual(new byte[] { 0, 0, 0, 1 }), "Annex B packets start with a start code");
        Assert.True(filtered.IsKeyframe);
        Assert.Equal(video.TimeBase, filter.OutputTimeBase);
    }
}
