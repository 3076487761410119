namespace Ladder.Runner.Cli;

/// <summary>Parses <c>--http</c>: <c>host:port</c> (<c>0.0.0.0:8080</c>, <c>127.0.0.1:0</c>, <c>[::]:8080</c>) or an <c>http://</c> URL.</summary>
internal static class HttpAddress
{
    /// <summary>The default: every interface, port 8080 (what the pod's Service targets).</summary>
    public const string Default = "0.0.0.0:8080";

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is not <c>host:port</c>.</summary>
    public static Uri? TryParse(string text, out string? error)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            && uri.AbsolutePath == "/" && withScheme.AsSpan(withScheme.IndexOf("://", StringComparison.Ordinal) + 3).Contains(':'))
        {
            error = null;
            return uri;
        }
        error = $"--http \"{text}\" is not host:port; write e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::]:8080 (port 0 picks a free port)";
        return null;
    }
}
