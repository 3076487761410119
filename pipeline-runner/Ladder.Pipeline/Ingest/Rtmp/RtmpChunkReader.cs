using System.Buffers.Binary;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// Reads RTMP chunks from a stream and reassembles them into messages (Adobe RTMP specification section 5.3): basic
/// headers of 1 to 3 bytes (chunk stream ids 2 to 65599), message headers of type 0 (absolute timestamp), 1 and 2
/// (timestamp delta) and 3 (none), extended timestamps, and messages interleaved across chunk streams. It applies Set
/// Chunk Size and Abort itself (they change how chunks are read) and does not return them. A hostile peer is bounded:
/// a message longer than the maximum, more than <see cref="MaxChunkStreams"/> chunk streams, or a header that does not
/// fit the state of its chunk stream fails with <see cref="InvalidDataException"/>; the end of the stream with
/// <see cref="EndOfStreamException"/>.
/// </summary>
/// <param name="stream">The connection.</param>
/// <param name="maxMessageSize">The longest message accepted at first, in bytes (see <see cref="MaxMessageSize"/>).</param>
internal sealed class RtmpChunkReader(Stream stream, int maxMessageSize)
{
    /// <summary>The most chunk streams a peer may use at once.</summary>
    public const int MaxChunkStreams = 64;

    /// <summary>The chunk size before any Set Chunk Size (section 5.4.1).</summary>
    public const int DefaultChunkSize = 128;

    private const uint TimestampEscape = 0xFFFFFF;
    private readonly Dictionary<int, ChunkStreamState> _chunkStreams = [];
    private readonly byte[] _header = new byte[11];

    /// <summary>
    /// The longest message accepted, in bytes: a message's buffer is allocated when its first chunk arrives, so an
    /// unauthenticated peer gets a small limit (commands) and a publisher a larger one (video frames).
    /// </summary>
    public int MaxMessageSize { get; set; } = maxMessageSize;

    /// <summary>The peer's current chunk size in bytes.</summary>
    public int ChunkSize { get; private set; } = DefaultChunkSize;

    /// <summary>Bytes read from the stream so far (for Acknowledgement messages).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads chunks until a message other than Set Chunk Size or Abort is complete, and returns it.</summary>
    /// <exception cref="InvalidDataException">The peer broke the chunk stream rules.</exception>
    /// <exception cref="EndOfStreamException">The peer closed the connection.</exception>
    public async ValueTask<RtmpMessage> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReadChunkAsync(cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                continue;
            }

            switch (message.Type)
            {
                case RtmpMessage.SetChunkSize:
                    var size = message.Payload.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(message.Payload) : 0;
                    ChunkSize = size >= 1 ? size : throw new InvalidDataException($"Set Chunk Size to {size}: a chunk size is 1 to 2147483647 bytes.");
                    break;
                case RtmpMessage.Abort:
                    if (message.Payload.Length >= 4 && _chunkStreams.TryGetValue(BinaryPrimitives.ReadInt32BigEndian(message.Payload), out var aborted))
                    {
                        aborted.Body = null;
                    }

                    break;
                default:
                    return message;
            }
        }
    }

    private async ValueTask<RtmpMessage?> ReadChunkAsync(CancellationToken cancellationToken)
    {
        await FillAsync(1, cancellationToken).ConfigureAwait(false);
        var format = _header[0] >> 6;
        var id = _header[0] & 0x3F;
        if (id < 2)
        {
            var extra = id + 1;
            await FillAsync(extra, cancellationToken).ConfigureAwait(false);
            id = 64 + _header[0] + (extra == 2 ? _header[1] * 256 : 0);
        }

        if (!_chunkStreams.TryGetValue(id, out var state))
        {
            if (format != 0)
            {
                throw new InvalidDataException($"chunk stream {id} starts with a type {format} header; its first chunk must carry a type 0 header.");
            }

            if (_chunkStreams.Count >= MaxChunkStreams)
            {
                throw new InvalidDataException($"more than {MaxChunkStreams} chunk streams in use.");
            }

            state = new ChunkStreamState();
            _chunkStreams[id] = state;
        }

        var starts = state.Body is null;
        if (!starts && format != 3)
        {
            throw new InvalidDataException($"chunk stream {id}: a type {format} header in the middle of a message.");
        }

        uint field = 0;
        var headerLength = format switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
        if (headerLength > 0)
        {
            await FillAsync(headerLength, cancellationToken).ConfigureAwait(false);
            field = ReadUInt24(0);
            if (format <= 1)
            {
                state.Length = (int)ReadUInt24(3);
                state.Type = _header[6];
            }

            if (format == 0)
            {
                state.StreamId = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(7, 4));
            }

            state.Extended = field == TimestampEscape;
        }

        if (state.Extended)
        {
            await FillAsync(4, cancellationToken).ConfigureAwait(false);
            var extended = BinaryPrimitives.ReadUInt32BigEndian(_header);
            field = headerLength > 0 ? extended : state.Delta; // a type 3 chunk repeats the previous field
        }

        if (starts)
        {
            if (state.Length > MaxMessageSize)
            {
                throw new InvalidDataException($"a message of {state.Length} bytes on chunk stream {id}; at most {MaxMessageSize} are accepted.");
            }

            // Type 0 carries the absolute timestamp; types 1 and 2 a delta; type 3 repeats the last delta, and after
            // a type 0 header that delta is the type 0 timestamp (section 5.3.1.2.4).
            state.Delta = headerLength > 0 ? field : state.Delta;
            state.Timestamp = format == 0 ? field : unchecked(state.Timestamp + state.Delta);
            state.Body = new byte[state.Length];
            state.Received = 0;
        }

        var take = Math.Min(ChunkSize, state.Length - state.Received);
        await ReadExactlyAsync(state.Body.AsMemory(state.Received, take), cancellationToken).ConfigureAwait(false);
        state.Received += take;
        if (state.Received < state.Length)
        {
            return null;
        }

        var body = state.Body!;
        state.Body = null;
        return new RtmpMessage(state.Type, state.StreamId, state.Timestamp, body);
    }

    private uint ReadUInt24(int offset) => (uint)((_header[offset] << 16) | (_header[offset + 1] << 8) | _header[offset + 2]);

    private ValueTask FillAsync(int count, CancellationToken cancellationToken) => ReadExactlyAsync(_header.AsMemory(0, count), cancellationToken);

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        BytesRead += buffer.Length;
    }

    private sealed class ChunkStreamState
    {
        public uint Timestamp { get; set; }

        public uint Delta { get; set; }

        public int Length { get; set; }

        public byte Type { get; set; }

        public uint StreamId { get; set; }

        public bool Extended { get; set; }

        public byte[]? Body { get; set; }

        public int Received { get; set; }
    }
}
