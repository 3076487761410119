using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// Where an RTMP listen input accepts publishers and whom it lets in, from the input's URL
/// <c>rtmp://host:port/app/key</c> (port 1935 by default): the address to bind, the application name the client's
/// <c>connect</c> must name, and the stream key its <c>publish</c> must name. A URL with a single path segment names
/// the application only, and then any stream key is accepted. Keys are compared in constant time (SHA-256 digests
/// through <see cref="CryptographicOperations.FixedTimeEquals"/>), so neither the key nor its length leaks through timing.
/// </summary>
internal sealed class RtmpEndpoint
{
    private const int DefaultPort = 1935;
    private readonly byte[]? _keyDigest;

    private RtmpEndpoint(IPEndPoint address, string application, string? key)
    {
        Address = address;
        Application = application;
        _keyDigest = key is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The address and port to listen on.</summary>
    public IPEndPoint Address { get; }

    /// <summary>The application name (the URL path without the key), e.g. <c>live</c>.</summary>
    public string Application { get; }

    /// <summary>Whether a publisher must name a stream key.</summary>
    public bool RequiresKey => _keyDigest is not null;

    /// <summary>Reads <paramref name="url"/>.</summary>
    /// <exception cref="ArgumentException">The URL is not <c>rtmp://host[:port]/app[/key]</c>, or its host does not resolve.</exception>
    public static RtmpEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "rtmp")
        {
            throw new ArgumentException("an RTMP listen input needs a URL rtmp://host:port/app/key.", nameof(url));
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        if (path.Length == 0)
        {
            throw new ArgumentException("an RTMP listen input needs an application in its URL: rtmp://host:port/app/key.", nameof(url));
        }

        var split = path.LastIndexOf('/');
        var address = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.Parse(uri.Host.Trim('[', ']'))
            : Dns.GetHostAddresses(uri.Host).OrderBy(a => a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork).FirstOrDefault() ?? throw new ArgumentException($"the host '{uri.Host}' of the RTMP input does not resolve.", nameof(url));
        return new RtmpEndpoint(
            new IPEndPoint(address, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port),
            split < 0 ? path : path[..split],
            split < 0 ? null : path[(split + 1)..]);
    }

    /// <summary>Whether a <c>connect</c> command's <c>app</c> names this input's application (ignoring slashes and a query).</summary>
    public bool IsApplication(string? app) => string.Equals(StripQuery(app).Trim('/'), Application, StringComparison.Ordinal);

    /// <summary>Whether a <c>publish</c> command's stream name (without its query) is this input's key, in constant time.</summary>
    public bool IsKey(string? streamName)
    {
        if (_keyDigest is null)
        {
            return true;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(StripQuery(streamName)));
        return CryptographicOperations.FixedTimeEquals(digest, _keyDigest);
    }

    private static string StripQuery(string? text) => text is null ? string.Empty : text.Split('?', 2)[0];
}
