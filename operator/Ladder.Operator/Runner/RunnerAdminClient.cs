using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Api.Validation;
using KubeStatus = Ladder.Api.Meta.Status;

namespace Ladder.Operator.Runner;

/// <summary>
/// Calls one runner's admin API (<see cref="RunnerAdminApi"/>): <c>GET /v1/status</c> and <c>PUT /v1/pipeline</c>, with
/// the stream's bearer token and a per-call timeout; a status read can wait on the runner for the next change. Every failure is a <see cref="RunnerAdminException"/>.
/// </summary>
/// <param name="http">The HTTP client (no base address; the runner's is given per call).</param>
/// <param name="timeout">How long one call may take.</param>
public sealed class RunnerAdminClient(HttpClient http, TimeSpan timeout)
{
    /// <summary>Reads the runner's status and its entity tag (<see cref="RunnerStatusETag"/>).</summary>
    /// <exception cref="RunnerAdminException">No answer, or an answer that is not a 200 status.</exception>
    public Task<RunnerStatusRead> GetStatusAsync(Uri baseAddress, string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, baseAddress, RunnerAdminApi.StatusPath, token, null, timeout, null,
            async (response, ct) => new RunnerStatusRead(await ReadJsonAsync<RunnerStatus>(response, ct).ConfigureAwait(false), response.Headers.ETag?.ToString()),
            cancellationToken);

    /// <summary>
    /// Asks the runner to answer once its status leaves the state tagged <paramref name="etag"/>, or after
    /// <paramref name="wait"/> (<c>If-None-Match</c> with <c>Prefer: wait</c>, see <see cref="RunnerAdminApi.StatusPath"/>).
    /// </summary>
    /// <param name="baseAddress">The runner's admin API.</param>
    /// <param name="token">The stream's admin token.</param>
    /// <param name="etag">The tag of the status last read.</param>
    /// <param name="wait">How long the runner may hold the request, whole seconds, under the HTTP client's own timeout.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>True when the state changed (or the runner sends no tag to tell), false when it did not.</returns>
    /// <exception cref="RunnerAdminException">No answer within <paramref name="wait"/> plus the call timeout, or a refusal.</exception>
    public Task<bool> WaitForStatusChangeAsync(Uri baseAddress, string token, string etag, TimeSpan wait, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, baseAddress, RunnerAdminApi.StatusPath, token, null, timeout + wait,
            request =>
            {
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
                request.Headers.Add("Prefer", string.Create(CultureInfo.InvariantCulture, $"wait={(int)wait.TotalSeconds}"));
            },
            (response, _) => Task.FromResult(response.StatusCode != HttpStatusCode.NotModified && response.Headers.ETag?.ToString() != etag),
            cancellationToken);

    /// <summary>Hands the runner a new spec; returns how it applied it.</summary>
    /// <exception cref="RunnerAdminException">No answer; a 422 (see <see cref="RunnerAdminException.Errors"/>); any other refusal.</exception>
    public Task<ReloadPlan> PutPipelineAsync(Uri baseAddress, string token, PipelineSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SendAsync(HttpMethod.Put, baseAddress, RunnerAdminApi.PipelinePath, token,
            new StringContent(spec.ToJson(indented: false), Encoding.UTF8, "application/json"), timeout, null, ReadJsonAsync<ReloadPlan>, cancellationToken);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(RunnerJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new RunnerAdminException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: the runner answered an empty body", unreachable: false);

    private async Task<T> SendAsync<T>(HttpMethod method, Uri baseAddress, string path, string token, HttpContent? content, TimeSpan limit,
        Action<HttpRequestMessage>? prepare, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, path.TrimStart('/')); // relative: keeps a base path such as a proxy prefix
        var call = $"{method} {uri}";
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(RunnerAdminApi.AuthorizationScheme, token);
        prepare?.Invoke(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
            {
                return await read(response, deadline.Token).ConfigureAwait(false);
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            var status = TryReadStatus(body);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                var errors = status?.Details?.Causes?.Select(c => new FieldError(c.Field ?? "", c.Message ?? "")).ToList() ?? [];
                throw new RunnerAdminException($"{call}: the runner refused the spec: {status?.Message ?? "no details"}", unreachable: false, errors);
            }

            var hint = response.StatusCode == HttpStatusCode.Unauthorized
                ? "; the admin token in the stream's Secret and the runner's LADDER_ADMIN_TOKEN differ: delete the runner pod so it restarts with the Secret's token"
                : "";
            throw new RunnerAdminException($"{call}: {(int)response.StatusCode} {status?.Message ?? response.ReasonPhrase}{hint}", unreachable: false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RunnerAdminException($"{call}: no answer within {limit.TotalSeconds:0.#} s; the runner is starting or overloaded", unreachable: true, null, e);
        }
        catch (HttpRequestException e)
        {
            throw new RunnerAdminException($"{call}: {e.Message}; the runner pod is not running yet or its Service has no endpoint", unreachable: true, null, e);
        }
        catch (JsonException e)
        {
            throw new RunnerAdminException($"{call}: the runner's answer is not valid JSON: {e.Message}", unreachable: false, null, e);
        }
    }

    private static KubeStatus? TryReadStatus(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<KubeStatus>(body, WireJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
