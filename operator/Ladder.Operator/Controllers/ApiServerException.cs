using System.Net;
using System.Text.Json;
using k8s.Autorest;
using Ladder.Api.Meta;
using ApiStatus = Ladder.Api.Meta.Status;

namespace Ladder.Operator.Controllers;

/// <summary>
/// The API server refused one of the operator's requests: KubernetesClient's <see cref="HttpOperationException"/>
/// (whose own message names only the HTTP status) turned, at the edge of the operator's code, into an error carrying
/// the server's <see cref="ApiStatus"/> (<c>metav1.Status</c>: code, reason, message) and saying which request failed, so
/// logs, conditions and events show the server's own words.
/// </summary>
internal sealed class ApiServerException : Exception
{
    private ApiServerException(string request, ApiStatus status, Exception inner)
        : base($"{request}: {status.Code} {status.Reason}: {status.Message}", inner) => Status = status;

    /// <summary>The server's Status (from the response body; code and reason from the HTTP status when the body has none).</summary>
    public ApiStatus Status { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)(Status.Code ?? 0);

    /// <summary>404 NotFound: the object does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 Conflict: a stale <c>metadata.resourceVersion</c> (optimistic concurrency) or an apply conflict.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>422 Invalid: the object breaks the API's validation; the message names the field.</summary>
    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;

    /// <summary>Runs <paramref name="call"/>, turning a refusal into an <see cref="ApiServerException"/>.</summary>
    /// <param name="request">What was asked, in the user's terms, e.g. <c>apply Deployment media/news</c>.</param>
    /// <param name="call">The KubernetesClient call.</param>
    /// <exception cref="ApiServerException">The server answered with an error status.</exception>
    public static async Task<T> SendAsync<T>(string request, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw new ApiServerException(request, StatusOf(e), e);
        }
    }

    private static ApiStatus StatusOf(HttpOperationException e)
    {
        var code = (int)e.Response.StatusCode;
        ApiStatus? status = null;
        try
        {
            status = string.IsNullOrEmpty(e.Response.Content) ? null : JsonSerializer.Deserialize<ApiStatus>(e.Response.Content, WireJson.Options);
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's page, say): the HTTP status and the body's text below say what there is.
        }

        status ??= new ApiStatus();
        status.Code ??= code;
        status.Reason ??= e.Response.ReasonPhrase ?? e.Response.StatusCode.ToString();
        status.Message ??= e.Response.Content;
        return status;
    }
}
