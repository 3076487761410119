using Ladder.Pipeline.Ingest.Rtmp;

namespace Ladder.Pipeline.Tests.Ingest.Rtmp;

public sealed class RtmpChunkReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(4096)]
    [InlineData(65536)]
    public async Task ReadMessage_Should_ReassembleEveryMessage_When_WrittenAtAnyChunkSize(int chunkSize)
    {
        var messages = new[]
        {
            new RtmpMessage(RtmpMessage.Video, 1, 0, Payload(10_000, 1)),
            new RtmpMessage(RtmpMessage.Audio, 1, 1_000, Payload(1, 2)),
            new RtmpMessage(RtmpMessage.Data, 1, 1_040, []),
            new RtmpMessage(RtmpMessage.Video, 1, 0xFFFFFF + 5, Payload(300, 3)), // extended timestamp
        };
        var bytes = new List<byte>(RtmpChunkWriter.Encode(2, new RtmpMessage(RtmpMessage.SetChunkSize, 0, 0, [(byte)(chunkSize >> 24), (byte)(chunkSize >> 16), (byte)(chunkSize >> 8), (byte)chunkSize]), 128));
        foreach (var message in messages)
        {
            bytes.AddRange(RtmpChunkWriter.Encode(6, message, chunkSize));
        }

        var reader = new RtmpChunkReader(new MemoryStream([.. bytes]), 1 << 20);
        foreach (var expected in messages)
        {
            var actual = await reader.ReadMessageAsync(CancellationToken.None);
            Assert.Equal((expected.Type, expected.StreamId, expected.Timestamp), (actual.Type, actual.StreamId, actual.Timestamp));
            Assert.Equal(expected.Payload, actual.Payload);
        }

        Assert.Equal(chunkSize, reader.ChunkSize);
        Assert.Equal(bytes.Count, reader.BytesRead);
    }

    [Fact]
    public async Task ReadMessage_Should_SeparateInterleavedChunkStreams_When_ChunksAlternate()
    {
        // audio (300 bytes) on chunk stream 4 and video (200 bytes) on 6 at 128-byte chunks: A1 V1 A2 V2 A3
        var audio = Chunks(RtmpChunkWriter.Encode(4, new RtmpMessage(RtmpMessage.Audio, 1, 20, Payload(300, 7)), 128), 128);
        var video = Chunks(RtmpChunkWriter.Encode(6, new RtmpMessage(RtmpMessage.Video, 1, 40, Payload(200, 9)), 128), 128);
        var stream = new MemoryStream([.. audio[0], .. video[0], .. audio[1], .. video[1], .. audio[2]]);
        var reader = new RtmpChunkReader(stream, 1 << 20);

        var first = await reader.ReadMessageAsync(CancellationToken.None);
        var second = await reader.ReadMessageAsync(CancellationToken.None);

        Assert.Equal((RtmpMessage.Video, 40u), (first.Type, first.Timestamp));
        Assert.Equal(Payload(200, 9), first.Payload);
        Assert.Equal((RtmpMessage.Audio, 20u), (second.Type, second.Timestamp));
        Assert.Equal(Payload(300, 7), second.Payload);
    }

    [Fact]
    public async Task ReadMessage_Should_AddDeltas_When_HeadersOfType1And2And3Follow()
    {
        byte[] bytes =
        [
            0x04, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x01, 0x08, 0x01, 0x00, 0x00, 0x00, 0xA1, // type 0: ts 1000, 1 byte, audio, stream 1
            0x44, 0x00, 0x00, 0x28, 0x00, 0x00, 0x02, 0x08, 0xB1, 0xB2, // type 1: delta 40, 2 bytes
            0x84, 0x00, 0x00, 0x14, 0xC1, 0xC2, // type 2: delta 20, same length
            0xC4, 0xD1, 0xD2, // type 3: delta 20 again
        ];
        var reader = new RtmpChunkReader(new MemoryStream(bytes), 1 << 20);

        var timestamps = new List<uint>();
        for (var i = 0; i < 4; i++)
        {
            timestamps.Add((await reader.ReadMessageAsync(CancellationToken.None)).Timestamp);
        }

        Assert.Equal([1000u, 1040u, 1060u, 1080u], timestamps);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(319)]
    [InlineData(320)]
    [InlineData(65599)]
    public async Task ReadMessage_Should_ReadTwoAndThreeByteBasicHeaders_When_ChunkStreamIdIsLarge(int id)
    {
        byte[] basic = id < 320 ? [0x00, (byte)(id - 64)] : [0x01, (byte)((id - 64) % 256), (byte)((id - 64) / 256)];
        byte[] bytes = [.. basic, 0, 0, 5, 0, 0, 1, RtmpMessage.Video, 1, 0, 0, 0, 0x17];
        var reader = new RtmpChunkReader(new MemoryStream(bytes), 1 << 20);

        var message = await reader.ReadMessageAsync(CancellationToken.None);

        Assert.Equal((RtmpMessage.Video, 5u, 1u), (message.Type, message.Timestamp, message.StreamId));
    }

    [Fact]
    public async Task ReadMessage_Should_DropThePartialMessage_When_AbortArrives()
    {
        var video = Chunks(RtmpChunkWriter.Encode(6, new RtmpMessage(RtmpMessage.Video, 1, 0, Payload(200, 1)), 128), 128);
        var abort = RtmpChunkWriter.Encode(2, new RtmpMessage(RtmpMessage.Abort, 0, 0, [0, 0, 0, 6]), 128);
        var next = RtmpChunkWriter.Encode(6, new RtmpMessage(RtmpMessage.Audio, 1, 80, Payload(3, 2)), 128);
        var reader = new RtmpChunkReader(new MemoryStream([.. video[0], .. abort, .. next]), 1 << 20);

        var message = await reader.ReadMessageAsync(CancellationToken.None);

        Assert.Equal((RtmpMessage.Audio, 80u), (message.Type, message.Timestamp));
    }

    [Theory]
    [InlineData("C4 01", "its first chunk must carry a type 0 header")]
    [InlineData("04 00 00 00 10 00 00 09 01 00 00 00", "a message of 1048576 bytes")]
    [InlineData("02 00 00 00 00 00 04 01 00 00 00 00 00 00 00 00", "Set Chunk Size to 0")]
    public async Task ReadMessage_Should_ThrowInvalidData_When_ThePeerBreaksTheRules(string hex, string message)
    {
        var reader = new RtmpChunkReader(new MemoryStream(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal))), 1 << 19);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadMessageAsync(CancellationToken.None).AsTask());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMessage_Should_ThrowInvalidData_When_AHeaderOfType1ComesInTheMiddleOfAMessage()
    {
        var first = Chunks(RtmpChunkWriter.Encode(4, new RtmpMessage(RtmpMessage.Video, 1, 0, Payload(200, 1)), 128), 128)[0];
        var reader = new RtmpChunkReader(new MemoryStream([.. first, 0x44, 0, 0, 0, 0, 0, 1, RtmpMessage.Video, 0]), 1 << 20);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadMessageAsync(CancellationToken.None).AsTask());
        Assert.Contains("a type 1 header in the middle of a message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMessage_Should_ThrowInvalidData_When_TooManyChunkStreamsAreOpen()
    {
        var bytes = new List<byte>();
        for (var n = 0; n <= RtmpChunkReader.MaxChunkStreams; n++)
        {
            // chunk stream 64 + n (two-byte basic header): the first 128-byte chunk of a 200-byte message
            bytes.AddRange([0x00, (byte)n, 0, 0, 0, 0, 0, 200, RtmpMessage.Video, 1, 0, 0, 0, .. new byte[128]]);
        }

        var reader = new RtmpChunkReader(new MemoryStream([.. bytes]), 1 << 20);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadMessageAsync(CancellationToken.None).AsTask());
        Assert.Contains($"more than {RtmpChunkReader.MaxChunkStreams} chunk streams", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMessage_Should_ThrowEndOfStream_When_TheConnectionClosesMidMessage()
    {
        var bytes = RtmpChunkWriter.Encode(6, new RtmpMessage(RtmpMessage.Video, 1, 0, Payload(100, 1)), 128);
        var reader = new RtmpChunkReader(new MemoryStream(bytes[..50]), 1 << 20);

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadMessageAsync(CancellationToken.None).AsTask());
    }

    private static byte[] Payload(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * seed))];

    /// <summary>Splits one message's chunk bytes (12-byte first header, 1-byte continuation headers) into its chunks.</summary>
    private static List<byte[]> Chunks(byte[] encoded, int chunkSize)
    {
        var chunks = new List<byte[]> { encoded[..Math.Min(encoded.Length, 12 + chunkSize)] };
        for (var offset = 12 + chunkSize; offset < encoded.Length; offset += 1 + chunkSize)
        {
            chunks.Add(encoded[offset..Math.Min(encoded.Length, offset + 1 + chunkSize)]);
        }

        return chunks;
    }
}
