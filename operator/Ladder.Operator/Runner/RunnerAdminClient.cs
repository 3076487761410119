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
/// the stream's bearer token and a per-call timeout. Every failure is a <see cref="RunnerAdminException"/>.
/// </summary>
/// <param name="http">The HTTP client (no base address; the runner's is given per call).</param>
/// <param name="timeout">How long one call may take.</param>
public sealed class RunnerAdminClient(HttpClient http, TimeSpan timeout)
{
    /// <summary>Reads the runner's status.</summary>
    /// <exception cref="RunnerAdminException">No answer, or an answer that is not a 200 status.</exception>
    public Task<RunnerStatus> GetStatusAsync(Uri baseAddress, string token, CancellationToken cancellationToken) =>
        SendAsync<RunnerStatus>(HttpMethod.Get, baseAddress, RunnerAdminApi.StatusPath, token, null, cancellationToken);

    /// <summary>Hands the runner a new spec; returns how it applied it.</summary>
    /// <exception cref="RunnerAdminException">No answer; a 422 (see <see cref="RunnerAdminException.Errors"/>); any other refusal.</exception>
    public Task<ReloadPlan> PutPipelineAsync(Uri baseAddress, string token, PipelineSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SendAsync<ReloadPlan>(HttpMethod.Put, baseAddress, RunnerAdminApi.PipelinePath, token,
            new StringContent(spec.ToJson(indented: false), Encoding.UTF8, "application/json"), cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, Uri baseAddress, string path, string token, HttpContent? content, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, path.TrimStart('/')); // relative: keeps a base path such as a proxy prefix
        var call = $"{method} {uri}";
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(RunnerAdminApi.AuthorizationScheme, token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(RunnerJson.Options, deadline.Token).ConfigureAwait(false)
                    ?? throw new RunnerAdminException($"{call}: the runner answered an empty body", unreachable: false);
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
            throw new RunnerAdminException($"{call}: no answer within {timeout.TotalSeconds:0.#} s; the runner is starting or overloaded", unreachable: true, null, e);
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
