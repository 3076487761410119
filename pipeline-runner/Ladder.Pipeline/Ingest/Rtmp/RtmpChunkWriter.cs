using System.Buffers.Binary;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// Writes RTMP messages as chunks (Adobe RTMP specification section 5.3): a type 0 header (with an extended timestamp
/// from 0xFFFFFF on), then type 3 continuation chunks of at most <see cref="ChunkSize"/> bytes. One writer at a time.
/// </summary>
internal sealed class RtmpChunkWriter(Stream stream)
{
    /// <summary>The chunk size the peer was told (Set Chunk Size), in bytes; <see cref="RtmpChunkReader.DefaultChunkSize"/> until then.</summary>
    public int ChunkSize { get; set; } = RtmpChunkReader.DefaultChunkSize;

    /// <summary>Writes <paramref name="message"/> on chunk stream <paramref name="chunkStreamId"/> (2 to 63) and flushes.</summary>
    public async Task WriteAsync(int chunkStreamId, RtmpMessage message, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkStreamId, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkStreamId, 63);
        await stream.WriteAsync(Encode(chunkStreamId, message, ChunkSize), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chunks of <paramref name="message"/> as bytes.</summary>
    public static byte[] Encode(int chunkStreamId, RtmpMessage message, int chunkSize)
    {
        var extended = message.Timestamp >= 0xFFFFFF;
        var chunks = Math.Max(1, (message.Payload.Length + chunkSize - 1) / chunkSize);
        var extra = extended ? 4 : 0;
        var bytes = new byte[12 + extra + message.Payload.Length + ((chunks - 1) * (1 + extra))];
        bytes[0] = (byte)chunkStreamId;
        WriteUInt24(bytes.AsSpan(1), extended ? 0xFFFFFF : message.Timestamp);
        WriteUInt24(bytes.AsSpan(4), (uint)message.Payload.Length);
        bytes[7] = message.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), message.StreamId);
        var offset = 12;
        var sent = 0;
        do
        {
            if (sent > 0)
            {
                bytes[offset++] = (byte)(0xC0 | chunkStreamId);
            }

            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), message.Timestamp);
                offset += 4;
            }

            var take = Math.Min(chunkSize, message.Payload.Length - sent);
            message.Payload.AsSpan(sent, take).CopyTo(bytes.AsSpan(offset));
            offset += take;
            sent += take;
        }
        while (sent < message.Payload.Length);

        return bytes;
    }

    private static void WriteUInt24(Span<byte> target, uint value)
    {
        target[0] = (byte)(value >> 16);
        target[1] = (byte)(value >> 8);
        target[2] = (byte)value;
    }
}
