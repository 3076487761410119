using Ladder.LibAv;
using Ladder.Pipeline.Ingest;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// A stage that decodes the source packets of one stream (the video decoder, the audio stage): a
/// <see cref="SourceFormat"/> reconfigures it, a packet goes to <see cref="Decode"/> while a decoder is open and then
/// back to the packet pool, and an item that is dropped unprocessed gives back what it holds.
/// </summary>
internal abstract class SourceDecodeStage : QueueStage<SourcePacket>
{
    private readonly MediaPool<Packet> _packets;

    /// <summary>Creates the stage; packets go back to <paramref name="packets"/> once handled.</summary>
    protected SourceDecodeStage(string id, string kind, ILogger logger, MediaPool<Packet> packets, int capacity, QueueFullMode fullMode)
        : base(id, kind, logger, capacity, fullMode)
    {
        _packets = packets;
    }

    /// <summary>Whether a decoder is open; packets that arrive while none is are returned unread.</summary>
    protected abstract bool HasDecoder { get; }

    /// <summary>Recreates the decoder for a new source format (the item owns the parameters; dispose them).</summary>
    protected abstract void Reconfigure(SourceFormat format);

    /// <summary>Decodes one packet; the caller returns it to the pool afterwards.</summary>
    protected abstract void Decode(Packet packet);

    /// <inheritdoc />
    protected sealed override void Process(SourcePacket item)
    {
        if (item.Format is { } format)
        {
            Reconfigure(format);
            return;
        }

        var packet = item.Packet!;
        try
        {
            if (HasDecoder)
            {
                Decode(packet);
            }
        }
        finally
        {
            _packets.Return(packet);
        }
    }

    /// <inheritdoc />
    protected sealed override void Release(SourcePacket item)
    {
        if (item.Packet is { } packet)
        {
            _packets.Return(packet);
        }

        item.Format?.Parameters.Dispose();
    }
}
