using System.Net;
using System.Text;
using Ladder.Api.Meta;

namespace Ladder.Kubernetes.Errors;

/// <summary>
/// The API server refused a request: a non-2xx response, or an <c>ERROR</c> event on a watch. Carries the
/// server's <see cref="Api.Meta.Status"/> (code, reason, message, causes); for a body that is not a Status
/// (HTML from a proxy, an empty body) a Status is synthesized from the HTTP code, as client-go's
/// <c>rest.Result.Error</c> does.
/// </summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception for a failed request.</summary>
    /// <param name="status">The server's Status, or one synthesized from the HTTP response.</param>
    /// <param name="request">The request, as <c>METHOD /path</c>, for the message.</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, when it sent one.</param>
    public KubeApiException(Status status, string request, TimeSpan? retryAfter = null)
        : base(Describe(status, request))
    {
        Status = status;
        RetryAfter = retryAfter ?? (status.Details?.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    /// <summary>The server's Status (or the synthesized one); <see cref="Status.Code"/> is always set.</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code, e.g. 404.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)(Status.Code ?? 0);

    /// <summary>The machine-readable reason, e.g. <c>NotFound</c>; see <see cref="StatusReasons"/>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>The causes (invalid fields, apply conflicts); empty when the server gave none.</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes?.AsReadOnly() ?? (IReadOnlyList<StatusCause>)[];

    /// <summary>How long the server asked the client to wait (429, 5xx, <c>Retry-After</c> header or details.retryAfterSeconds).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>404 NotFound: the object (or its namespace) does not exist.</summary>
    public bool IsNotFound => Is(HttpStatusCode.NotFound, StatusReasons.NotFound);

    /// <summary>
    /// 409 with reason <c>Conflict</c>: a stale resourceVersion on update, or a server-side apply field manager
    /// conflict (see <see cref="Causes"/>). A create of an existing name is <see cref="IsAlreadyExists"/> instead.
    /// </summary>
    public bool IsConflict => Reason == StatusReasons.Conflict;

    /// <summary>409 with reason <c>AlreadyExists</c>: a create for a name that is taken.</summary>
    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;

    /// <summary>
    /// 410 (reason <c>Expired</c> or <c>Gone</c>): the resourceVersion or continue token is too old. An informer
    /// relists; a paged list restarts (or continues with the inconsistent token in <c>Status.Metadata.Continue</c>).
    /// </summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Reason is StatusReasons.Expired or StatusReasons.Gone;

    /// <summary>422 Invalid: the object failed validation; <see cref="Causes"/> name the fields.</summary>
    public bool IsInvalid => Is(HttpStatusCode.UnprocessableEntity, StatusReasons.Invalid);

    /// <summary>401 Unauthorized: fix the credentials.</summary>
    public bool IsUnauthorized => Is(HttpStatusCode.Unauthorized, StatusReasons.Unauthorized);

    /// <summary>403 Forbidden: fix RBAC.</summary>
    public bool IsForbidden => Is(HttpStatusCode.Forbidden, StatusReasons.Forbidden);

    /// <summary>429 TooManyRequests: back off for <see cref="RetryAfter"/>.</summary>
    public bool IsTooManyRequests => Is(HttpStatusCode.TooManyRequests, StatusReasons.TooManyRequests);

    private bool Is(HttpStatusCode code, string reason) => StatusCode == code || Reason == reason;

    private static string Describe(Status status, string request)
    {
        var text = new StringBuilder()
            .Append(request).Append(": ").Append(status.Code).Append(' ').Append(status.Reason).Append(": ").Append(status.Message);
        foreach (var cause in status.Details?.Causes ?? [])
        {
            text.Append("; ").Append(string.IsNullOrEmpty(cause.Field) ? "" : cause.Field + ": ").Append(cause.Message)
                .Append(" (").Append(cause.Reason).Append(')');
        }

        var hint = status.Code switch
        {
            401 => "Check the credentials: the bearer token, token file or client certificate of the kubeconfig user (or the service-account token) was missing, expired or rejected.",
            403 => "Grant the permission with RBAC: a Role or ClusterRole allowing this verb on this resource (and namespace), bound to the user or service account.",
            _ => null,
        };
        return hint is null ? text.ToString() : text.Append(". ").Append(hint).ToString();
    }
}
