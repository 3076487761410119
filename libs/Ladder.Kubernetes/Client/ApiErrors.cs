using System.Net;
using System.Text;
using System.Text.Json;
using Ladder.Api.Meta;
using Ladder.Kubernetes.Errors;

namespace Ladder.Kubernetes;

/// <summary>Turns a non-2xx response into a <see cref="KubeApiException"/>, as client-go's <c>rest.Result.Error</c> does.</summary>
internal static class ApiErrors
{
    public static KubeApiException FromResponse(HttpRequestMessage request, HttpResponseMessage response, byte[] body)
    {
        var code = (int)response.StatusCode;
        var status = TryReadStatus(body) ?? Synthesize(code, response.Content.Headers.ContentType?.MediaType, body);
        status.Code ??= code;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new KubeApiException(status, $"{request.Method} {request.RequestUri?.PathAndQuery}", retryAfter);
    }

    private static Status? TryReadStatus(byte[] body)
    {
        try
        {
            var status = body.Length == 0 ? null : JsonSerializer.Deserialize<Status>(body, WireJson.Options);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Status Synthesize(int code, string? contentType, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ").Trim();
        return new Status
        {
            Kind = "Status",
            ApiVersion = "v1",
            Outcome = "Failure",
            Code = code,
            Reason = ReasonFor((HttpStatusCode)code),
            Message = body.Length == 0
                ? $"the server answered HTTP {code} with an empty body"
                : $"the server answered HTTP {code} with a {contentType ?? "untyped"} body that is not a Kubernetes Status (a proxy or load balancer in the way?): {text}",
        };
    }

    private static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => StatusReasons.BadRequest,
        HttpStatusCode.Unauthorized => StatusReasons.Unauthorized,
        HttpStatusCode.Forbidden => StatusReasons.Forbidden,
        HttpStatusCode.NotFound => StatusReasons.NotFound,
        HttpStatusCode.Conflict => StatusReasons.Conflict,
        HttpStatusCode.Gone => StatusReasons.Gone,
        HttpStatusCode.UnsupportedMediaType => StatusReasons.UnsupportedMediaType,
        HttpStatusCode.UnprocessableEntity => StatusReasons.Invalid,
        HttpStatusCode.TooManyRequests => StatusReasons.TooManyRequests,
        HttpStatusCode.GatewayTimeout => StatusReasons.Timeout,
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.InternalServerError => "InternalError",
        _ => "Unknown",
    };
}
