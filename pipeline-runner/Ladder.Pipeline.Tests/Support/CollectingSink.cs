using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Tests.Support;

/// <summary>An <see cref="IEncodedPacketSink"/> that records every track and packet (timestamps in seconds) for assertions.</summary>
internal sealed class CollectingSink : IEncodedPacketSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PacketRecord>> _packets = [];
    private readonly Dictionary<string, TrackInfo> _tracks = [];
    private readonly List<string> _removed = [];
    private readonly Dictionary<string, int> _failures = [];

    public void AddTrack(TrackInfo track)
    {
        lock (_lock)
        {
            _tracks[track.Id] = track with { Parameters = track.Parameters.Clone() };
            _packets.TryAdd(track.Id, []);
        }
    }

    public void Write(in EncodedPacket packet)
    {
        var timeBase = packet.Track.TimeBase.ToDouble();
        var record = new PacketRecord(packet.Packet.Pts * timeBase, packet.Packet.Dts * timeBase, packet.Packet.Duration * timeBase, packet.Packet.IsKeyframe, packet.StartsSegment, packet.Packet.Size, packet.Track.Version);
        lock (_lock)
        {
            if (_failures.TryGetValue(packet.Track.Id, out var left) && left > 0)
            {
                _failures[packet.Track.Id] = left - 1;
                throw new IOException($"the test sink refused a packet of {packet.Track.Id}");
            }

            _packets[packet.Track.Id].Add(record);
        }
    }

    /// <summary>Makes the next <paramref name="count"/> writes of <paramref name="trackId"/> throw, as an output that failed would.</summary>
    public void FailNextWrites(string trackId, int count)
    {
        lock (_lock)
        {
            _failures[trackId] = count;
        }
    }

    public void RemoveTrack(string trackId)
    {
        lock (_lock)
        {
            _removed.Add(trackId);
        }
    }

    /// <summary>The announced tracks by id (latest version; parameters copied).</summary>
    public IReadOnlyDictionary<string, TrackInfo> Tracks { get { lock (_lock) { return new Dictionary<string, TrackInfo>(_tracks); } } }

    /// <summary>Ids of removed tracks.</summary>
    public IReadOnlyList<string> Removed { get { lock (_lock) { return [.. _removed]; } } }

    /// <summary>A copy of the packets of <paramref name="trackId"/> in write order.</summary>
    public IReadOnlyList<PacketRecord> Packets(string trackId)
    {
        lock (_lock)
        {
            return _packets.TryGetValue(trackId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The largest PTS written on <paramref name="trackId"/> in seconds; -1 when none.</summary>
    public double LatestPts(string trackId)
    {
        var packets = Packets(trackId);
        return packets.Count == 0 ? -1 : packets.Max(p => p.Pts);
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms up to <paramref name="timeout"/>.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }
}

/// <summary>One packet as written: times in seconds, and the version of the track it was written on.</summary>
internal sealed record PacketRecord(double Pts, double Dts, double Duration, bool Keyframe, bool StartsSegment, int Size, int Version);
