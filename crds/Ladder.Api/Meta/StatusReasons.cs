namespace Ladder.Api.Meta;

/// <summary>
/// The <see cref="Status.Reason"/> values a controller acts on (apimachinery <c>metav1.StatusReason*</c>).
/// </summary>
public static class StatusReasons
{
    /// <summary>404: the object does not exist.</summary>
    public const string NotFound = "NotFound";

    /// <summary>409 on create: an object with that name already exists.</summary>
    public const string AlreadyExists = "AlreadyExists";

    /// <summary>409: a stale resourceVersion on update, or a server-side apply field manager conflict.</summary>
    public const string Conflict = "Conflict";

    /// <summary>410: the requested resourceVersion or continue token is too old (compacted); relist.</summary>
    public const string Expired = "Expired";

    /// <summary>410: the resource is gone.</summary>
    public const string Gone = "Gone";

    /// <summary>422: the object failed validation; <see cref="StatusDetails.Causes"/> name the fields.</summary>
    public const string Invalid = "Invalid";

    /// <summary>400: the request itself is malformed.</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>401: the credentials are missing or were rejected.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>403: the user may not perform the verb on the resource.</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>429: the client is throttled; honour Retry-After.</summary>
    public const string TooManyRequests = "TooManyRequests";

    /// <summary>504 or a watch/list that could not be served in time; honour Retry-After.</summary>
    public const string Timeout = "Timeout";

    /// <summary>415: the content type (e.g. a strategic merge patch on a custom resource) is not supported.</summary>
    public const string UnsupportedMediaType = "UnsupportedMediaType";
}
