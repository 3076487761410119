using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Formats;

public sealed class RemuxTests
{
    [Theory]
    [InlineData("mpegts", ".ts", null)]
    [InlineData("mp4", ".mp4", "frag_keyframe+empty_moov+default_base_moof")]
    public void StreamCopy_Should_KeepDurationWithinOneFrame(string format, string extension, string? movflags)
    {
        var source = TestMedia.Mp4720p30s;
        using var target = new TempFile(extension);
        using (var input = InputContext.Open(source))
        using (var output = OutputContext.Create(target.Path, format))
        {
            var map = input.Streams.Where(s => s.MediaType is MediaType.Video or MediaType.Audio)
                .ToDictionary(s => s.Index, s => (Source: s, Output: output.AddStream(s)));
            using var options = new MediaDictionary();
            if (movflags is not null)
            {
                options.Set("movflags", movflags);
            }

            output.WriteHeader(options);
            using var packet = new Packet();
            while (input.ReadPacket(packet))
            {
                if (map.TryGetValue(packet.StreamIndex, out var route))
                {
                    packet.RescaleTimestamps(route.Source.TimeBase, output.GetTimeBase(route.Output));
                    packet.StreamIndex = route.Output;
                    output.WriteInterleaved(packet);
                }
            }

            output.WriteTrailer();
        }

        Assert.InRange(FFprobe.Duration(target.Path), FFprobe.Duration(source) - (1.0 / 24), FFprobe.Duration(source) + (1.0 / 24));
        Assert.Equal(FFprobe.CountFrames(source, "v:0"), FFprobe.CountFrames(target.Path, "v:0"));
    }
}
