using System.Net;
using System.Net.Sockets;

namespace Ladder.Operator.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now (the OS picks it; a tiny race remains until the caller binds it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
