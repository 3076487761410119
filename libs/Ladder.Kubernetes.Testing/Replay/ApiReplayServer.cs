using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// An in-process API server (Kestrel on 127.0.0.1, OS-chosen port) that replays recorded exchanges from
/// <see cref="FixtureDirectory"/> byte for byte, plus one-shot scripted answers for scenarios nothing recorded.
/// </summary>
/// <remarks>
/// A request is answered by, in order: the first unused script whose predicate matches; the first unused
/// fixture (in the order given) whose method, path, query (order-insensitive), Content-Type, body (compared as
/// JSON/YAML trees) and, where the file shows one, Authorization match; else the last used such fixture again.
/// Anything else gets HTTP 599 and an entry in <see cref="Mismatches"/>, which tests assert empty. Watch fixtures
/// are streamed line by line with a flush after each; the stream is closed when the request had
/// <c>timeoutSeconds</c> or ended with an ERROR event (35, 38), and held open until the client leaves otherwise (37).
/// Query matching is exact (a sent <c>watch=false</c>, the API's default, counts as absent) unless a test opts out for
/// named parameters with <see cref="IgnoreQueryParameters"/>.
/// </remarks>
public sealed class ApiReplayServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<HttpFixture> _fixtures;
    private readonly HashSet<HttpFixture> _used = [];
    private readonly List<(string Name, Func<RecordedRequest, bool> Matches, RequestDelegate Respond)> _scripts = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<string> _mismatches = [];
    private readonly HashSet<string> _ignoredQuery = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private ApiReplayServer(IEnumerable<string> fixtures)
    {
        _fixtures = fixtures.Select(HttpFixture.Load).ToList();
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests no script or fixture matched, described with the closest candidates; assert this empty.</summary>
    public IReadOnlyList<string> Mismatches
    {
        get
        {
            lock (_gate)
            {
                return [.. _mismatches];
            }
        }
    }

    /// <summary>Starts a plain HTTP server replaying the named fixtures (e.g. <c>"09-get-widget"</c>).</summary>
    /// <exception cref="FileNotFoundException">A fixture does not exist.</exception>
    public static async Task<ApiReplayServer> StartAsync(params string[] fixtures)
    {
        var server = new ApiReplayServer(fixtures);
        (server._app, server.Address) = await LoopbackHost.StartAsync(server.HandleAsync).ConfigureAwait(false);
        return server;
    }

    /// <summary>Adds a one-shot answer, tried before the fixtures; <paramref name="respond"/> writes the whole response.</summary>
    /// <param name="name">Recorded as <see cref="RecordedRequest.Fixture"/> of the request it answers.</param>
    /// <param name="matches">Which request it answers.</param>
    /// <param name="respond">Writes the answer (may delay, stream, or abort the connection).</param>
    public void Script(string name, Func<RecordedRequest, bool> matches, RequestDelegate respond)
    {
        lock (_gate)
        {
            _scripts.Add((name, matches, respond));
        }
    }

    /// <summary>
    /// Makes fixture matching skip the named query parameters, on both the recorded and the received side, for
    /// clients that send values no recording can predict: an informer's random watch <c>timeoutSeconds</c>, or its
    /// <c>limit=500</c> page size against a recorded LIST without <c>limit</c>. Every other parameter still has to
    /// match exactly, and <see cref="RecordedRequest.Query"/> keeps what was sent. Scripts are not affected (their
    /// predicates see the full query). A watch is still closed after replay when the received request carried
    /// <c>timeoutSeconds</c>, ignored or not.
    /// </summary>
    /// <param name="names">Parameter names, e.g. <c>"timeoutSeconds"</c>, <c>"limit"</c> (case-sensitive, as on the wire).</param>
    /// <returns>This server, for chaining.</returns>
    public ApiReplayServer IgnoreQueryParameters(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_gate)
        {
            _ignoredQuery.UnionWith(names);
        }

        return this;
    }

    /// <summary>A KubernetesClient <see cref="k8s.IKubernetes"/> for this server: bearer token <c>test-token</c>, 5 s timeout, namespace <c>default</c>.</summary>
    public k8s.Kubernetes CreateKubernetes() =>
        new(new k8s.KubernetesClientConfiguration { Host = Address.ToString(), AccessToken = "test-token", Namespace = "default", HttpClientTimeout = TimeSpan.FromSeconds(5) });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context.Request).ConfigureAwait(false);
        RequestDelegate? respond = null;
        string? answeredBy = null;
        lock (_gate)
        {
            var script = _scripts.FindIndex(s => s.Matches(request));
            if (script >= 0)
            {
                (answeredBy, _, respond) = _scripts[script];
                _scripts.RemoveAt(script);
            }
            else
            {
                var candidates = _fixtures.Where(f => Matches(f, request, _ignoredQuery)).ToList();
                var fixture = candidates.FirstOrDefault(f => !_used.Contains(f)) ?? candidates.LastOrDefault();
                if (fixture is not null)
                {
                    _used.Add(fixture);
                    answeredBy = fixture.Name;
                    respond = c => ReplayAsync(fixture, request, c);
                }
                else
                {
                    _mismatches.Add(Describe(request));
                }
            }

            _requests.Add(request with { Fixture = answeredBy });
        }

        if (respond is null)
        {
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync("no fixture matches " + Describe(request), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await respond(context).ConfigureAwait(false);
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        return new RecordedRequest(
            request.Method, request.Path.Value ?? "", query, request.ContentType, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body, null);
    }

    private static bool Matches(HttpFixture fixture, RecordedRequest request, HashSet<string> ignoredQuery)
    {
        var target = fixture.Target.Split('?', 2);
        if (fixture.Method != request.Method || Uri.UnescapeDataString(target[0]) != request.Path)
        {
            return false;
        }

        var recordedQuery = target.Length > 1
            ? QueryHelpers.ParseQuery(target[1]).Where(p => !ignoredQuery.Contains(p.Key)).SelectMany(p => p.Value.Select(v => $"{p.Key}={v}"))
            : [];
        // KubernetesClient's list calls may send watch=false, the API's default, which the recordings leave out.
        var sentQuery = request.Query.Where(p => !ignoredQuery.Contains(p.Key) && !(p.Key == "watch" && p.Value == "false")).Select(p => $"{p.Key}={p.Value}");
        if (!recordedQuery.Order(StringComparer.Ordinal).SequenceEqual(sentQuery.Order(StringComparer.Ordinal)))
        {
            return false;
        }

        if (fixture.RequestHeaders.TryGetValue("content-type", out var contentType)
            && !string.Equals(contentType, request.ContentType?.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (fixture.RequestHeaders.TryGetValue("authorization", out var authorization) && authorization != request.Authorization)
        {
            return false;
        }

        return BodyComparer.Equivalent(fixture.RequestBody, request.Body);
    }

    private static async Task ReplayAsync(HttpFixture fixture, RecordedRequest request, HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = fixture.StatusCode;
        foreach (var (name, value) in fixture.ResponseHeaders)
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.Append(name, value);
            }
        }

        if (!fixture.IsWatch)
        {
            response.ContentLength = fixture.ResponseBody.Length;
            await response.Body.WriteAsync(fixture.ResponseBody, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        var body = fixture.ResponseBody;
        var lastLine = ReadOnlyMemory<byte>.Empty;
        while (body.Length > 0)
        {
            var end = body.Span.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..(end + 1)];
            await response.Body.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            lastLine = line;
            body = body[line.Length..];
        }

        var endedWithError = lastLine.Span.IndexOf("\"type\":\"ERROR\""u8) >= 0;
        if (!endedWithError && !request.Query.Any(p => p.Key == "timeoutSeconds"))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the client went away: that is how a held-open watch ends
            }
        }
    }

    private string Describe(RecordedRequest request)
    {
        var near = _fixtures.Where(f => f.Method == request.Method && f.Target.Split('?')[0] == request.Path).Select(f => f.Name);
        return $"{request.Method} {request.Path}?{string.Join('&', request.Query.Select(p => $"{p.Key}={p.Value}"))} " +
            $"[{request.ContentType}] {request.Body} (same method and path: {string.Join(", ", near)})";
    }
}
