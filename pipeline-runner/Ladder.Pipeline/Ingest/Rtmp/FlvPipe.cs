using System.Buffers.Binary;
using System.Threading.Channels;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// The media of one RTMP publisher as an FLV byte stream (Adobe "Video File Format Specification" v10, annex E: the
/// 9-byte header with audio and video flags, then tags of 11-byte header, body and 4-byte PreviousTagSize), which
/// libavformat's flv demuxer reads through <see cref="Ladder.LibAv.InputContext.Open(Stream, string, Ladder.LibAv.InputOptions, CancellationToken)"/>.
/// The publisher's connection writes tags (<see cref="WriteTagAsync"/>, which waits while <see cref="Capacity"/> tags
/// are unread, so a slow pipeline slows the sender's TCP stream rather than growing memory); the ingest thread reads.
/// A read waits at most <see cref="ReadTimeout"/> and then throws <see cref="TimeoutException"/>; after
/// <see cref="Complete"/> it returns 0 (the sender ended) or throws <see cref="IOException"/> (the connection broke).
/// Disposing the pipe (the reader is done) drops the publisher's connection.
/// </summary>
internal sealed class FlvPipe : Stream
{
    /// <summary>Unread tags at most before <see cref="WriteTagAsync"/> waits.</summary>
    public const int Capacity = 512;

    private static readonly byte[] Header = [(byte)'F', (byte)'L', (byte)'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0];
    private readonly Channel<byte[]> _tags = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly Action _onDispose;
    private byte[] _current = Header;
    private int _offset;
    private volatile string? _error;

    /// <summary>Creates the pipe; <paramref name="onDispose"/> runs once when the reader disposes it.</summary>
    public FlvPipe(Action onDispose) => _onDispose = onDispose;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override bool CanTimeout => true;

    /// <inheritdoc />
    public override int ReadTimeout { get; set; } = Timeout.Infinite;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Appends one FLV tag: <paramref name="type"/> 8 audio, 9 video or 18 script data, at <paramref name="timestamp"/> ms.</summary>
    /// <exception cref="ChannelClosedException">The pipe was completed.</exception>
    public ValueTask WriteTagAsync(byte type, uint timestamp, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var tag = new byte[11 + body.Length + 4];
        tag[0] = type;
        tag[1] = (byte)(body.Length >> 16);
        tag[2] = (byte)(body.Length >> 8);
        tag[3] = (byte)body.Length;
        tag[4] = (byte)(timestamp >> 16);
        tag[5] = (byte)(timestamp >> 8);
        tag[6] = (byte)timestamp;
        tag[7] = (byte)(timestamp >> 24); // TimestampExtended: the upper 8 bits
        body.CopyTo(tag.AsSpan(11));
        BinaryPrimitives.WriteUInt32BigEndian(tag.AsSpan(11 + body.Length), (uint)(11 + body.Length));
        return _tags.Writer.WriteAsync(tag, cancellationToken);
    }

    /// <summary>Ends the stream: readers get the end of the input, or an <see cref="IOException"/> with <paramref name="error"/>.</summary>
    public void Complete(string? error = null)
    {
        _error ??= error;
        _tags.Writer.TryComplete();
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        while (_offset == _current.Length)
        {
            if (_tags.Reader.TryRead(out var next))
            {
                _current = next;
                _offset = 0;
                continue;
            }

            var wait = _tags.Reader.WaitToReadAsync().AsTask();
            if (!wait.Wait(ReadTimeout))
            {
                throw new TimeoutException($"no FLV data within {ReadTimeout} ms.");
            }

            if (!wait.Result)
            {
                return _error is { } error ? throw new IOException(error) : 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Complete();
            _onDispose();
        }

        base.Dispose(disposing);
    }
}
