using Ladder.Pipeline.Push;
using Ladder.Pipeline.Tests.Packaging;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Push;

public sealed class FanOutSinkTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public void FanOut_Should_HandEveryTrackPacketAndRemovalToEachSink_When_ThePipelineWrites()
    {
        var first = new CollectingSink();
        var second = new CollectingSink();
        var fanOut = new FanOutSink(first, second);

        fanOut.AddTrack(media.High.Track);
        foreach (var packet in media.High.Packets.Take(10))
        {
            fanOut.Write(packet);
        }
        fanOut.RemoveTrack("high");

        foreach (var sink in new[] { first, second })
        {
            Assert.Contains("high", sink.Tracks.Keys);
            Assert.Equal(10, sink.Packets("high").Count);
            Assert.Equal(["high"], sink.Removed);
        }
    }
}
