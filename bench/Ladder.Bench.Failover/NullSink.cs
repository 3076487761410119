using Ladder.Pipeline.Media;

namespace Ladder.Bench.Failover;

/// <summary>Takes the pipeline's packets and drops them: the failover gap is read from the pipeline's own switch record.</summary>
internal sealed class NullSink : IEncodedPacketSink
{
    /// <inheritdoc />
    public void AddTrack(TrackInfo track)
    {
    }

    /// <inheritdoc />
    public void Write(in EncodedPacket packet)
    {
    }

    /// <inheritdoc />
    public void RemoveTrack(string trackId)
    {
    }
}
