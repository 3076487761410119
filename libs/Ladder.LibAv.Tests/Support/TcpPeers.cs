using System.Net;
using System.Net.Sockets;

namespace Ladder.LibAv.Tests.Support;

/// <summary>A loopback TCP source that sends <c>head</c> to the first client, then stalls with the connection open.</summary>
internal sealed class StallingTcpSource : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _release = new();
    private readonly Task _server;

    public StallingTcpSource(ReadOnlyMemory<byte> head)
    {
        _listener.Start();
        Url = $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _server = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync(_release.Token);
            await client.GetStream().WriteAsync(head, _release.Token);
            await Task.Delay(Timeout.Infinite, _release.Token);
        });
    }

    public string Url { get; }

    public void Dispose()
    {
        _release.Cancel();
        _ = _server.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
        _listener.Stop();
        _release.Dispose();
    }
}

/// <summary>
/// A loopback TCP sink that accepts connections and never reads, with a tiny receive buffer so a writer's socket
/// buffers fill after a few tens of KiB and its writes block.
/// </summary>
internal sealed class NonReadingTcpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _release = new();
    private readonly Task _server;

    public NonReadingTcpSink()
    {
        _listener.Server.ReceiveBufferSize = 4096; // inherited by accepted sockets
        _listener.Start();
        Url = $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _server = Task.Run(async () =>
        {
            while (!_release.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_release.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }
            }
        });
    }

    public string Url { get; }

    public void Dispose()
    {
        _release.Cancel();
        _ = _server.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _release.Dispose();
    }
}

/// <summary>Free loopback ports (nothing listens on them once returned).</summary>
internal static class FreePorts
{
    public static int Tcp()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static int Udp()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
