using Ladder.LibAv;
using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// The video packets a standing-by input sent since its latest keyframe (its current GOP), held by reference
/// (<c>av_packet_ref</c>, no copy of the payload) so that a switch to it can start at its current frame: the decoder
/// is fed the GOP from that keyframe and shows only the frames from the switch on, instead of waiting up to a whole
/// GOP for the input's next keyframe. Timestamps stay as the input sent them (pipeline ticks, not normalized).
/// Used under the ingest stage's lock.
/// </summary>
/// <param name="packets">The pool the copies are rented from and returned to.</param>
internal sealed class StandbyGop(MediaPool<Packet> packets)
{
    /// <summary>At most this many packets are held; a longer GOP is not held at all (the switch waits for a keyframe).</summary>
    public const int MaxPackets = 1200;

    /// <summary>At most this many bytes of payload are held (a GOP of 4 s at 60 Mbit/s); a larger one is not held.</summary>
    public const long MaxBytes = 32L << 20;

    private readonly List<Packet> _held = [];
    private long _bytes;
    private bool _overflowed;

    /// <summary>Whether a whole GOP start is held: its first packet is a keyframe and nothing since was left out.</summary>
    public bool HasKeyframe => _held.Count > 0;

    /// <summary>The packets held, in decode order, the keyframe first.</summary>
    public IReadOnlyList<Packet> Packets => _held;

    /// <summary>
    /// Keeps a reference to <paramref name="packet"/> (a video packet of the input, in decode order): a keyframe starts
    /// a new GOP and lets the older one go; a packet before the first keyframe, or past <see cref="MaxPackets"/> or
    /// <see cref="MaxBytes"/>, is not kept, and then nothing is until the next keyframe.
    /// </summary>
    public void Add(Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.IsKeyframe)
        {
            Clear();
        }
        else if (_overflowed || _held.Count == 0)
        {
            return;
        }

        if (_held.Count >= MaxPackets || _bytes + packet.Size > MaxBytes)
        {
            Clear();
            _overflowed = true;
            return;
        }

        var copy = packets.Rent();
        copy.Ref(packet);
        _held.Add(copy);
        _bytes += packet.Size;
    }

    /// <summary>Lets every held packet go (back to the pool); the next keyframe starts again.</summary>
    public void Clear()
    {
        foreach (var packet in _held)
        {
            packets.Return(packet);
        }

        _held.Clear();
        _bytes = 0;
        _overflowed = false;
    }

    /// <summary>Hands the held packets over to the caller, who returns each to the pool; the GOP is empty afterwards.</summary>
    public List<Packet> Take()
    {
        var taken = new List<Packet>(_held);
        _held.Clear();
        _bytes = 0;
        _overflowed = false;
        return taken;
    }
}
