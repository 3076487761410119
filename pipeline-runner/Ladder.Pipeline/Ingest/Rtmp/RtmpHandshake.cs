namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// The server side of the RTMP simple handshake (Adobe RTMP specification section 5.2): reads C0 (the version, 3) and
/// C1 (1536 bytes), answers S0, S1 (time, zeros, random bytes) and S2 (an echo of C1), then reads C2. S1's zero
/// version field selects the simple handshake, which every client accepts when publishing. A first byte that is not
/// version 3 is refused at once with an <see cref="InvalidDataException"/> that says what the client sent.
/// </summary>
internal static class RtmpHandshake
{
    /// <summary>The RTMP version in C0 and S0.</summary>
    public const byte Version = 3;

    /// <summary>The size of C1, C2, S1 and S2 in bytes.</summary>
    public const int PacketSize = 1536;

    /// <summary>Performs the handshake on a freshly accepted connection.</summary>
    /// <exception cref="InvalidDataException">C0 is not RTMP version 3.</exception>
    /// <exception cref="EndOfStreamException">The client closed the connection during the handshake.</exception>
    public static async Task AcceptAsync(Stream stream, CancellationToken cancellationToken)
    {
        var c0 = new byte[1];
        await stream.ReadExactlyAsync(c0, cancellationToken).ConfigureAwait(false);
        if (c0[0] != Version)
        {
            throw new InvalidDataException(DescribeVersion(c0[0]));
        }

        var c1 = new byte[PacketSize];
        await stream.ReadExactlyAsync(c1, cancellationToken).ConfigureAwait(false);
        var reply = new byte[1 + (2 * PacketSize)];
        reply[0] = Version;
        Random.Shared.NextBytes(reply.AsSpan(1 + 8, PacketSize - 8)); // S1: time 0, zero, random
        c1.CopyTo(reply, 1 + PacketSize); // S2: echo of C1
        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(new byte[PacketSize], cancellationToken).ConfigureAwait(false); // C2
    }

    private static string DescribeVersion(byte first) => first switch
    {
        6 or 8 or 9 => $"the client asked for encrypted RTMP (RTMPE, handshake type {first}), which this input does not offer; publish with plain rtmp://.",
        (byte)'G' or (byte)'P' or (byte)'H' or (byte)'O' => "the client sent an HTTP request, not an RTMP handshake; publish with an RTMP encoder to rtmp://.",
        0x16 => "the client started a TLS handshake (rtmps://); this input takes plain rtmp://.",
        _ => $"the client sent a handshake that is not RTMP (first byte 0x{first:x2}; RTMP starts with version 3).",
    };
}
