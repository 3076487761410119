using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// The server side of an RTMP listen input: accepts any number of connections at once (up to
/// <see cref="MaxConnections"/>), each served by an <see cref="RtmpConnection"/> that must authenticate within
/// <see cref="RtmpConnection.SetupTimeout"/>, so a silent or garbage client cannot hold the port. Only one publisher is
/// live at a time; the ingest thread takes it with <see cref="AcceptPublisher"/> and reads its media. A new publisher
/// with the stream key takes the place of one that has sent no media for the input timeout (a hung encoder, or one
/// restarted without closing its connection), so it need not wait for the input's session to end. Every refusal
/// (wrong key or application, second publisher, garbage handshake, timeout) is logged and reported through the
/// callback, in the user's terms and without any key.
/// </summary>
internal sealed class RtmpServer : IDisposable
{
    /// <summary>The most connections served at once; more are closed as they arrive.</summary>
    public const int MaxConnections = 32;

    private readonly RtmpEndpoint _endpoint;
    private readonly TimeSpan _takeOverAfter;
    private readonly Action<string> _onRefused;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<RtmpConnection> _published = Channel.CreateUnbounded<RtmpConnection>();
    private readonly HashSet<RtmpConnection> _connections = [];
    private readonly Lock _lock = new();
    private RtmpConnection? _publisher;

    private RtmpServer(RtmpEndpoint endpoint, TimeSpan takeOverAfter, Action<string> onRefused)
    {
        _endpoint = endpoint;
        _takeOverAfter = takeOverAfter;
        _onRefused = onRefused;
        _listener = new TcpListener(endpoint.Address);
    }

    /// <summary>Binds <paramref name="endpoint"/>'s address and starts accepting.</summary>
    /// <param name="endpoint">Address, application and key.</param>
    /// <param name="takeOverAfter">How long a publisher may send no media before a new one with the key takes its place (<c>spec.failover.inputTimeout</c>).</param>
    /// <param name="onRefused">Receives each refusal's text; called from thread-pool threads.</param>
    /// <exception cref="SocketException">The address cannot be bound (in use, not local).</exception>
    public static RtmpServer Start(RtmpEndpoint endpoint, TimeSpan takeOverAfter, Action<string> onRefused)
    {
        var server = new RtmpServer(endpoint, takeOverAfter, onRefused);
        try
        {
            server._listener.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        _ = server.AcceptLoopAsync();
        return server;
    }

    /// <summary>
    /// Waits for the next authenticated publisher and returns it; the caller reads its <see cref="RtmpConnection.Media"/>
    /// and disposes that when done, which ends the connection and frees the publisher's place.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RtmpConnection AcceptPublisher(CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = _published.Reader.ReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
            if (connection.IsPublishing)
            {
                return connection;
            }
        }
    }

    /// <summary>Stops accepting and drops every connection.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        List<RtmpConnection> open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Dispose();
        }

        _published.Writer.TryComplete();
    }

    /// <summary>
    /// Takes the publisher's place for <paramref name="connection"/>, dropping a publisher silent for the take-over time;
    /// false while another publisher holds it and sends media.
    /// </summary>
    internal bool TryClaim(RtmpConnection connection)
    {
        RtmpConnection? silent;
        lock (_lock)
        {
            silent = _publisher;
            if (silent is not null && silent.SilentFor < _takeOverAfter)
            {
                return false;
            }

            _publisher = connection;
        }

        if (silent is not null)
        {
            _onRefused(string.Create(CultureInfo.InvariantCulture, $"dropped the publisher at {silent.Remote}: it sent no media for {silent.SilentFor.TotalSeconds:0.#} s, and a new publisher with the stream key arrived from {connection.Remote}."));
            silent.Dispose();
        }

        return true;
    }

    /// <summary>Hands a publisher that holds the place (<see cref="TryClaim"/>) to <see cref="AcceptPublisher"/>.</summary>
    internal void Publish(RtmpConnection connection) => _published.Writer.TryWrite(connection);

    /// <summary>Forgets an ended connection, and frees the publisher's place if it held it.</summary>
    internal void Release(RtmpConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
            if (_publisher == connection)
            {
                _publisher = null;
            }
        }
    }

    /// <summary>Reports a refused or dropped connection.</summary>
    internal void Refused(string reason) => _onRefused(reason);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue; // a connection reset before it was accepted
            }

            var connection = new RtmpConnection(client, this, _endpoint);
            bool accepted;
            lock (_lock)
            {
                accepted = !_stopping.IsCancellationRequested && _connections.Count < MaxConnections && _connections.Add(connection);
            }

            if (!accepted)
            {
                Refused($"refused the connection from {connection.Remote}: {MaxConnections} connections are already open.");
                connection.Dispose();
                continue;
            }

            _ = Task.Run(connection.RunAsync);
        }
    }
}
