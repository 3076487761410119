using Ladder.Api.Meta;
using Ladder.Api.Validation;

namespace Ladder.Api.Runner;

/// <summary>
/// The runner's admin HTTP API as the operator calls it: paths, authentication and the pod-level settings the
/// operator gives the runner. Every <c>/v1/</c> route needs <c>Authorization: Bearer &lt;token&gt;</c>; the token is a
/// random value per stream that the operator keeps in the stream's Secret (key <see cref="TokenSecretKey"/>) and hands
/// the runner through the environment variable <see cref="TokenEnvironmentVariable"/>. A missing or wrong token is
/// answered 401 with a <see cref="Status"/> body. <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and the origin
/// (<c>/hls/</c>, <c>/dash/</c>) need no token. Bodies are JSON written with <see cref="RunnerJson.Options"/>.
/// </summary>
public static class RunnerAdminApi
{
    /// <summary>
    /// <c>PUT</c>: replace the running pipeline. Body: the <see cref="Pipeline.PipelineSpec"/> JSON
    /// (<c>PipelineSpec.ToJson()</c>). Answers 200 with the <see cref="ReloadPlan"/> once the new spec is in effect
    /// (a spec whose generation the runner already executes is answered 200 with an empty plan: the call is idempotent);
    /// 409 with a <see cref="Status"/> when the body's generation is lower than the running one (a stale operator);
    /// 422 with a <see cref="Status"/> (reason <c>Invalid</c>, one cause per field, see <see cref="InvalidSpec"/>) when the
    /// spec does not parse or does not validate; the running pipeline is then left as it was.
    /// </summary>
    public const string PipelinePath = "/v1/pipeline";

    /// <summary>
    /// <c>GET</c>: the runner's <see cref="RunnerStatus"/>, 200 at any time after the HTTP server started, with a weak
    /// <c>ETag</c> (<see cref="RunnerStatusETag"/>) that changes only when the state does, not with every measurement.
    /// A conditional request (RFC 9110 §13.1.2 <c>If-None-Match</c>) whose tag still matches is answered 304 Not Modified;
    /// with <c>Prefer: wait=N</c> (RFC 7240 §4.3, seconds, at most <see cref="MaxStatusWaitSeconds"/>) the runner first
    /// holds the request until the state changes (200 with the new status, within about 0.25 s of the change) or N
    /// seconds pass (304), so a reader learns of every change without polling.
    /// </summary>
    public const string StatusPath = "/v1/status";

    /// <summary>The longest <c>Prefer: wait</c> the runner honours on <see cref="StatusPath"/>, in seconds; a longer one is cut to this.</summary>
    public const int MaxStatusWaitSeconds = 300;

    /// <summary>
    /// The <c>wait</c> preference among a request's <c>Prefer</c> header values (RFC 7240 §2 and §4.3: comma-separated
    /// preferences, each with optional <c>;</c> parameters), cut to <see cref="MaxStatusWaitSeconds"/>; null without one
    /// or when it is not a positive whole number of seconds.
    /// </summary>
    public static TimeSpan? ParseWaitPreference(IEnumerable<string?> prefer)
    {
        ArgumentNullException.ThrowIfNull(prefer);
        foreach (var preference in prefer.SelectMany(v => (v ?? "").Split(',')))
        {
            var token = preference.Split(';')[0].Trim();
            if (token.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(token.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, MaxStatusWaitSeconds));
            }
        }

        return null;
    }

    /// <summary>
    /// <c>POST</c> with no body: make the named input the active one now (a manual failover, reason <c>manual</c>). 200 with the
    /// new <see cref="RunnerStatus"/>; 404 with a <see cref="Status"/> when the pipeline has no input of that name.
    /// Use <see cref="ActivateInputPath"/> to build the path.
    /// </summary>
    public const string ActivateInputPathTemplate = "/v1/inputs/{name}/activate";

    /// <summary>The request header that carries the token.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The authentication scheme: the header value is <c>Bearer &lt;token&gt;</c>.</summary>
    public const string AuthorizationScheme = "Bearer";

    /// <summary>The environment variable the runner reads its admin token from (set from the stream's Secret).</summary>
    public const string TokenEnvironmentVariable = "LADDER_ADMIN_TOKEN";

    /// <summary>The key of the stream's Secret that holds the admin token.</summary>
    public const string TokenSecretKey = "admin-token";

    /// <summary>The key of the stream's Secret that holds the PipelineSpec JSON (with stream keys).</summary>
    public const string PipelineSecretKey = "pipeline.json";

    /// <summary>The directory the stream's Secret is mounted at in the runner pod (read-only).</summary>
    public const string SpecDirectory = "/etc/ladder";

    /// <summary>The PipelineSpec file the runner starts from: <c>ladder-runner run --spec /etc/ladder/pipeline.json</c>.</summary>
    public const string SpecFile = SpecDirectory + "/" + PipelineSecretKey;

    /// <summary>The TCP port the runner's HTTP server (admin API, origin, probes, metrics) listens on in a pod.</summary>
    public const int HttpPort = 8080;

    /// <summary>The runner's liveness endpoint: 200 while the process serves HTTP.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>The runner's readiness endpoint: 200 once every rendition published its first segment, else 503.</summary>
    public const string ReadyPath = "/readyz";

    /// <summary>The runner's Prometheus endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The path of <c>POST /v1/inputs/{name}/activate</c> for <paramref name="inputName"/>.</summary>
    public static string ActivateInputPath(string inputName)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputName);
        return ActivateInputPathTemplate.Replace("{name}", Uri.EscapeDataString(inputName), StringComparison.Ordinal);
    }

    /// <summary>
    /// The 422 body for a spec the runner refuses: a <c>metav1.Status</c> with reason <c>Invalid</c>, code 422, the
    /// errors joined in the message and one cause (<c>FieldValueInvalid</c>, field path, message) per error.
    /// </summary>
    public static Status InvalidSpec(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new Status
        {
            ApiVersion = "v1",
            Kind = "Status",
            Outcome = "Failure",
            Code = 422,
            Reason = StatusReasons.Invalid,
            Message = "PipelineSpec is invalid: " + string.Join("; ", errors),
            Details = new StatusDetails
            {
                Kind = "PipelineSpec",
                Causes = [.. errors.Select(e => new StatusCause { Reason = "FieldValueInvalid", Field = e.Path, Message = e.Message })],
            },
        };
    }
}
