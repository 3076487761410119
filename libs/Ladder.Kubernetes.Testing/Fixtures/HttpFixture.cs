using System.Text;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// One recorded exchange (<c>NN-name.http</c>): the request as sent and the response as received, parsed by the
/// rules of the fixtures README (split on the first <c>\n### response\n</c>; headers end at the first empty line;
/// the response body runs to end of file, untrimmed).
/// </summary>
public sealed class HttpFixture
{
    private HttpFixture(string name)
    {
        Name = name;
    }

    /// <summary>The file name without extension, e.g. <c>09-get-widget</c>.</summary>
    public string Name { get; }

    /// <summary>The request method.</summary>
    public string Method { get; private set; } = "";

    /// <summary>The request path and query, exactly as sent.</summary>
    public string Target { get; private set; } = "";

    /// <summary>Request headers shown in the file (Content-Type, Accept, Authorization), by lowercase name.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; private set; } = new Dictionary<string, string>();

    /// <summary>The request body; empty when none was sent.</summary>
    public string RequestBody { get; private set; } = "";

    /// <summary>The response status code.</summary>
    public int StatusCode { get; private set; }

    /// <summary>The response headers as recorded (name, value), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; private set; } = [];

    /// <summary>The response body, byte for byte.</summary>
    public ReadOnlyMemory<byte> ResponseBody { get; private set; }

    /// <summary>True for a watch request (<c>watch=true</c>).</summary>
    public bool IsWatch => Target.Contains("watch=true", StringComparison.Ordinal);

    /// <summary>Loads <c>{name}.http</c> from <see cref="FixtureDirectory.Path"/>.</summary>
    /// <param name="name">The file name with or without <c>.http</c>, e.g. <c>09-get-widget</c>.</param>
    /// <exception cref="FileNotFoundException">No such fixture.</exception>
    /// <exception cref="FormatException">The file does not follow the README's format.</exception>
    public static HttpFixture Load(string name)
    {
        name = name.EndsWith(".http", StringComparison.Ordinal) ? name[..^5] : name;
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(FixtureDirectory.Path, name + ".http"));
        var separator = "\n### response\n"u8;
        var split = bytes.AsSpan().IndexOf(separator);
        if (split < 0)
        {
            throw new FormatException($"Fixture {name} has no '### response' line.");
        }

        var fixture = new HttpFixture(name);
        var request = Encoding.UTF8.GetString(bytes, 0, split);
        var (requestHead, requestBody) = SplitHead(request);
        var requestLines = requestHead.Split('\n');
        var requestLine = requestLines[1].Split(' ', 2);
        fixture.Method = requestLine[0];
        fixture.Target = requestLine[1];
        fixture.RequestHeaders = requestLines.Skip(2).Select(ParseHeader)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        fixture.RequestBody = requestBody;

        var response = bytes.AsMemory(split + separator.Length);
        var headEnd = response.Span.IndexOf("\n\n"u8);
        if (headEnd < 0)
        {
            throw new FormatException($"Fixture {name}: the response headers do not end with an empty line.");
        }

        var responseLines = Encoding.UTF8.GetString(response.Span[..headEnd]).Split('\n');
        fixture.StatusCode = int.Parse(responseLines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        fixture.ResponseHeaders = responseLines.Skip(1).Select(ParseHeader).ToList();
        fixture.ResponseBody = response[(headEnd + 2)..];
        return fixture;
    }

    private static (string Head, string Body) SplitHead(string text)
    {
        // Without a body, the blank line after the headers is the one the separator starts with.
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        return end < 0 ? (text.TrimEnd('\n'), "") : (text[..end], text[(end + 2)..]);
    }

    private static KeyValuePair<string, string> ParseHeader(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return new(line[..colon].Trim(), line[(colon + 1)..].Trim());
    }
}
