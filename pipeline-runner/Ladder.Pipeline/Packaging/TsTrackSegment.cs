using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Packaging;

/// <summary>One track's share of an MPEG-TS segment: the frames of its segment <see cref="MediaSegment.SequenceNumber"/>, in decode order, as references the TS side owns.</summary>
/// <param name="Segment">The track's CMAF segment with the same number: timing, discontinuity and program date time.</param>
/// <param name="Track">The track version of the frames.</param>
/// <param name="Packets">The frames with their durations set, timestamps in <see cref="TrackInfo.TimeBase"/>; disposed with this.</param>
internal sealed record TsTrackSegment(MediaSegment Segment, TrackInfo Track, IReadOnlyList<QueuedPacket> Packets) : IDisposable
{
    /// <summary>Releases the frames.</summary>
    public void Dispose()
    {
        foreach (var packet in Packets)
        {
            packet.Packet.Dispose();
        }
    }
}
