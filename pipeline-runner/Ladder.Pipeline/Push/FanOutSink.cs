using Ladder.Pipeline.Media;

namespace Ladder.Pipeline.Push;

/// <summary>
/// Hands every track and packet to several sinks in order (the packager, then the push outputs). Each sink returns
/// quickly by contract, so one that is slow drops on its own and never delays the others.
/// </summary>
/// <param name="sinks">The sinks; a packet goes to each in this order.</param>
public sealed class FanOutSink(params IEncodedPacketSink[] sinks) : IEncodedPacketSink
{
    private readonly IEncodedPacketSink[] _sinks = [.. sinks];

    /// <inheritdoc />
    public void AddTrack(TrackInfo track)
    {
        foreach (var sink in _sinks)
        {
            sink.AddTrack(track);
        }
    }

    /// <inheritdoc />
    public void Write(in EncodedPacket packet)
    {
        foreach (var sink in _sinks)
        {
            sink.Write(packet);
        }
    }

    /// <inheritdoc />
    public void RemoveTrack(string trackId)
    {
        foreach (var sink in _sinks)
        {
            sink.RemoveTrack(trackId);
        }
    }
}
