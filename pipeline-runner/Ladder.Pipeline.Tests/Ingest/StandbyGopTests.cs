using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>The GOP held for a standing-by input: from its latest keyframe, bounded, handed over whole.</summary>
public sealed class StandbyGopTests : IDisposable
{
    private readonly MediaPool<Packet> _pool = new(static () => new Packet(), static p => p.Unref(), 16);
    private readonly Packet _packet = new();

    public void Dispose()
    {
        _packet.Dispose();
        _pool.Clear();
    }

    [Fact]
    public void Add_Should_HoldFromTheLatestKeyframe_And_NothingBeforeTheFirst()
    {
        var gop = new StandbyGop(_pool);
        Add(gop, 0, keyframe: false);
        Assert.False(gop.HasKeyframe);

        Add(gop, 1, keyframe: true);
        Add(gop, 2, keyframe: false);
        Add(gop, 3, keyframe: true);
        Add(gop, 4, keyframe: false);

        Assert.Equal([3L, 4L], gop.Packets.Select(p => p.Pts));
        Assert.True(gop.Packets[0].IsKeyframe);
    }

    [Fact]
    public void Add_Should_HoldNothingUntilTheNextKeyframe_When_TheGopOutgrowsTheBound()
    {
        var gop = new StandbyGop(_pool);
        Add(gop, 0, keyframe: true);
        for (var i = 1; i <= StandbyGop.MaxPackets; i++)
        {
            Add(gop, i, keyframe: false);
        }

        Assert.False(gop.HasKeyframe); // a switch now waits for a keyframe instead of decoding an incomplete GOP
        Add(gop, StandbyGop.MaxPackets + 1, keyframe: false);
        Assert.False(gop.HasKeyframe);

        Add(gop, StandbyGop.MaxPackets + 2, keyframe: true);
        Assert.Equal([StandbyGop.MaxPackets + 2L], gop.Packets.Select(p => p.Pts));
    }

    [Fact]
    public void Take_Should_HandTheGopOver_And_LeaveItEmpty()
    {
        var gop = new StandbyGop(_pool);
        Add(gop, 0, keyframe: true);
        Add(gop, 1, keyframe: false);

        var taken = gop.Take();

        Assert.Equal([0L, 1L], taken.Select(p => p.Pts));
        Assert.False(gop.HasKeyframe);
        Add(gop, 2, keyframe: false);
        Assert.False(gop.HasKeyframe); // a new GOP starts on a keyframe, not where the old one was taken
        foreach (var packet in taken)
        {
            _pool.Return(packet);
        }
    }

    private void Add(StandbyGop gop, long pts, bool keyframe)
    {
        _packet.Pts = pts;
        _packet.Dts = pts;
        _packet.IsKeyframe = keyframe;
        gop.Add(_packet);
    }
}
