using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ladder.ControllerRuntime.Errors;

/// <summary>
/// The API server refused a request: KubernetesClient's <see cref="HttpOperationException"/> (a non-2xx answer) or
/// <see cref="KubernetesException"/> (an <c>ERROR</c> event on a watch), turned into one error carrying the server's
/// <see cref="V1Status"/> (metav1.Status: code, reason, message). For a body that is not a Status (a proxy's HTML, an
/// empty body) a Status is synthesized from the HTTP code, as client-go's <c>rest.Result.Error</c> does.
/// </summary>
public sealed class ApiStatusException : Exception
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The Status; <see cref="V1Status.Code"/> should be set.</param>
    /// <param name="innerException">KubernetesClient's exception, when there was one.</param>
    /// <param name="request">What was asked, in the user's terms (e.g. <c>apply Deployment media/news</c>); it leads the message when given.</param>
    public ApiStatusException(V1Status status, Exception? innerException = null, string? request = null)
        : base((request is null ? "" : request + ": ") + $"{status?.Code} {status?.Reason}: {status?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
    }

    /// <summary>The server's Status (or the synthesized one).</summary>
    public V1Status Status { get; }

    /// <summary>The HTTP status code, e.g. 410; 0 when the Status carried none.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)(Status.Code ?? 0);

    /// <summary>
    /// 410 (reason <c>Expired</c> or <c>Gone</c>): the resourceVersion or continue token is too old; an informer relists.
    /// </summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Status.Reason is "Expired" or "Gone";

    /// <summary>
    /// Reason <c>Conflict</c> (or a bare 409 without a reason): a stale <c>metadata.resourceVersion</c> (optimistic
    /// concurrency) or a server-side apply conflict; re-read and retry. Not a taken name (<see cref="IsAlreadyExists"/>),
    /// which is a 409 too; the reason decides, as client-go's <c>errors.IsConflict</c>.
    /// </summary>
    public bool IsConflict => Status.Reason == "Conflict" || (string.IsNullOrEmpty(Status.Reason) && StatusCode == HttpStatusCode.Conflict);

    /// <summary>409 with reason <c>AlreadyExists</c>: a create named an object that exists.</summary>
    public bool IsAlreadyExists => Status.Reason == "AlreadyExists";

    /// <summary>The fields the server named (<c>details.causes</c>: field, reason, message); empty when it named none.</summary>
    public IList<V1StatusCause> Causes => Status.Details?.Causes ?? [];

    /// <summary>404 NotFound: the object (or its namespace) does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound || Status.Reason == "NotFound";

    /// <summary>422 Invalid: the object failed validation; <see cref="V1Status.Details"/> names the fields.</summary>
    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity || Status.Reason == "Invalid";

    /// <summary>429 TooManyRequests or a 5xx: worth retrying after a delay.</summary>
    public bool IsTransient => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;

    /// <summary>
    /// Runs one KubernetesClient call, turning a refusal into an <see cref="ApiStatusException"/> whose message names
    /// <paramref name="request"/> (KubernetesClient's own names only the HTTP status).
    /// </summary>
    /// <typeparam name="T">What the call answers.</typeparam>
    /// <param name="request">What is asked, in the user's terms, e.g. <c>apply Deployment media/news</c>.</param>
    /// <param name="call">The call.</param>
    /// <exception cref="ApiStatusException">The server answered with an error status.</exception>
    public static async Task<T> SendAsync<T>(string request, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw new ApiStatusException(StatusOf(e), e, request);
        }
    }

    /// <summary>
    /// Returns <paramref name="error"/> as an <see cref="ApiStatusException"/> when it is KubernetesClient's API
    /// error (<see cref="HttpOperationException"/> or <see cref="KubernetesException"/>); otherwise returns it unchanged.
    /// </summary>
    public static Exception Translate(Exception error) => error switch
    {
        ApiStatusException => error,
        HttpOperationException http => new ApiStatusException(StatusOf(http), http),
        KubernetesException { Status: { } status } watch => new ApiStatusException(status, watch),
        _ => error,
    };

    private static V1Status StatusOf(HttpOperationException http)
    {
        var code = (int?)http.Response?.StatusCode ?? 0;
        var content = http.Response?.Content;
        if (!string.IsNullOrWhiteSpace(content))
        {
            try
            {
                if (KubernetesJson.Deserialize<V1Status>(content) is { Kind: "Status" } status)
                {
                    status.Code ??= code;
                    return status;
                }
            }
            catch (JsonException)
            {
                // not a Status: synthesized below
            }
        }

        return new V1Status { Code = code, Reason = http.Response?.ReasonPhrase, Message = $"the server answered HTTP {code} without a Status" };
    }
}
