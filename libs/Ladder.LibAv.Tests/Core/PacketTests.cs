using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Core;

public sealed class PacketTests
{
    [Fact]
    public void RefCloneAndMoveRef_Should_ShareThenHandOverTheSamePayload()
    {
        using var input = InputContext.Open(TestMedia.Webm180p5s, new InputOptions { FindStreamInfo = false });
        using var packet = new Packet();
        Assert.True(input.ReadPacket(packet));
        var payload = packet.Data.ToArray();

        using var clone = packet.Clone();
        using var reference = new Packet();
        reference.Ref(packet);
        using var moved = new Packet();
        moved.MoveRef(packet);

        Assert.True(packet.IsEmpty);
        Assert.Equal(0, packet.Size);
        Assert.Equal(payload, clone.Data.ToArray());
        Assert.Equal(payload, moved.Data.ToArray());
        Assert.Equal(clone.Pts, moved.Pts);
        Assert.Equal(reference.StreamIndex, moved.StreamIndex);
    }

    [Fact]
    public void RescaleTimestamps_Should_ConvertPtsDtsAndDuration_And_KeepMissingTimestamps()
    {
        using var packet = new Packet { Pts = 1000, Dts = Timestamp.None, Duration = 40 };

        packet.RescaleTimestamps(new Rational(1, 1000), Rational.Mpeg90kHz);

        Assert.Equal(90_000, packet.Pts);
        Assert.Equal(Timestamp.None, packet.Dts);
        Assert.Equal(3600, packet.Duration);
        Assert.Equal(0, Rational.Rescale(3749, Rational.Mpeg90kHz, new Rational(1, 24), Rounding.Down));
        Assert.Equal(1, Rational.Rescale(3749, Rational.Mpeg90kHz, new Rational(1, 24), Rounding.Up));
        Assert.Equal(Timestamp.None, Rational.Rescale(Timestamp.None, Rational.Mpeg90kHz, Rational.Microseconds));
    }

    [Fact]
    public void Dispose_Should_MakeFurtherUseThrowObjectDisposed()
    {
        var packet = new Packet();
        packet.Dispose();

        Assert.Throws<ObjectDisposedException>(() => packet.Pts);
    }
}
