using System.Net;
using System.Net.Sockets;

namespace Ladder.Runner.Tests.Support;

/// <summary>Ports on 127.0.0.1 that were free a moment ago, for the inputs the runner listens on.</summary>
internal static class FreePort
{
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int Udp()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
