using System.Globalization;
using System.Net;

namespace Ladder.Operator.Hosting;

/// <summary>Parses <c>host:port</c> bind addresses (controller-runtime style: <c>:8080</c> is every interface).</summary>
internal static class BindAddress
{
    /// <summary>The address and port; throws <see cref="FormatException"/> naming the flag when malformed.</summary>
    public static IPEndPoint Parse(string value, string flag)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"{flag} \"{value}\" is not host:port; use e.g. :8080 or 127.0.0.1:8080");
        }

        var host = value[..colon].Trim('[', ']');
        var address = host.Length == 0 || host == "0.0.0.0" ? IPAddress.Any
            : host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip : throw new FormatException($"{flag} \"{value}\": \"{host}\" is not an IP address");
        return new IPEndPoint(address, port);
    }
}
