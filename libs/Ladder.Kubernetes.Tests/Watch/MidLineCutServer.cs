using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ladder.Kubernetes.Tests.Watch;

/// <summary>
/// A one-connection HTTP/1.1 server on a raw socket, for what an API server or proxy that dies mid-write looks
/// like to a watch: it reads the request, answers 200 with chunked framing, sends one complete event line, then a
/// chunk header announcing a second line and only its first bytes, and closes the socket. The response never
/// completes (no rest of the chunk, no terminating zero chunk).
/// </summary>
/// <remarks>
/// A socket rather than Kestrel's <c>HttpContext.Abort()</c>: an abort may discard bytes still in Kestrel's output
/// pipe, racing the partial line, whereas bytes a socket send has returned for are in the kernel and leave before the
/// FIN. The request is read in full first, so the close is a FIN and not a reset (which could discard data at the client).
/// Everything is bounded by <see cref="Timeout"/>.
/// </remarks>
internal sealed class MidLineCutServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _bound = new(Timeout);
    private readonly Task<string> _served;

    private MidLineCutServer(string completeLine, string cutLine, int sentBytes)
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _served = ServeAsync(completeLine, cutLine, sentBytes, _bound.Token);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The request line the client sent (e.g. <c>GET /path?watch=true HTTP/1.1</c>), once the connection was cut.</summary>
    public Task<string> RequestLine => _served;

    /// <summary>Starts listening; the first connection gets <paramref name="completeLine"/> and <paramref name="sentBytes"/> bytes of <paramref name="cutLine"/>.</summary>
    public static MidLineCutServer Start(string completeLine, string cutLine, int sentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sentBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sentBytes, Encoding.UTF8.GetByteCount(cutLine));
        return new MidLineCutServer(completeLine, cutLine, sentBytes);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _served;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the test did not connect, or already observed the failure through RequestLine
        }

        _bound.Dispose();
    }

    private async Task<string> ServeAsync(string completeLine, string cutLine, int sentBytes, CancellationToken cancellationToken)
    {
        using var socket = await _listener.AcceptSocketAsync(cancellationToken);
        var head = await ReadRequestHeadAsync(socket, cancellationToken);

        var complete = Encoding.UTF8.GetBytes(completeLine + "\n");
        var cut = Encoding.UTF8.GetBytes(cutLine + "\n");
        using var response = new MemoryStream();
        response.Write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8);
        response.Write(Encoding.ASCII.GetBytes($"{complete.Length:x}\r\n"));
        response.Write(complete);
        response.Write("\r\n"u8);
        response.Write(Encoding.ASCII.GetBytes($"{cut.Length:x}\r\n"));
        response.Write(cut.AsSpan(0, sentBytes));
        using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            await stream.WriteAsync(response.ToArray(), cancellationToken);
        }

        socket.Shutdown(SocketShutdown.Send);
        return head[..head.IndexOf("\r\n", StringComparison.Ordinal)];
    }

    private static async Task<string> ReadRequestHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before the end of its request headers.");
            }

            received.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.ASCII.GetString(received.ToArray());
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }
}
