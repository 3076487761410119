using System.Globalization;
using Ladder.Api.Runner;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Ladder.Runner.Status;

/// <summary>
/// Answers <c>GET /v1/status</c> as <see cref="RunnerAdminApi.StatusPath"/> describes: 200 with the body and its weak
/// <c>ETag</c>; 304 when <c>If-None-Match</c> names the current tag (weak comparison, RFC 9110 §13.1.2); with
/// <c>Prefer: wait=N</c> (RFC 7240 §4.3) the request is first held, holding no thread, until the tag changes, N
/// seconds pass, the client goes away or the runner stops.
/// </summary>
internal static class ConditionalStatusRequest
{
    /// <summary>How often a held request looks at the status again: the delay between a change and its answer.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Writes the answer to <paramref name="context"/>. Only the contract's status is built to compare tags (each look
    /// of a held request, and a 304); the whole document only for a 200.
    /// </summary>
    public static async Task AnswerAsync(HttpContext context, RunnerStatusJson status, IHostApplicationLifetime lifetime)
    {
        var known = context.Request.Headers.IfNoneMatch;
        string CurrentTag() => RunnerStatusETag.Compute(status.BuildContract());
        var current = CurrentTag();
        var unchanged = Matches(known, current);
        if (unchanged && RunnerAdminApi.ParseWaitPreference(context.Request.Headers["Prefer"]) is { } wait)
        {
            context.Response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={(int)wait.TotalSeconds}");
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await RunnerStatusETag.HoldWhileUnchangedAsync(CurrentTag, t => Matches(known, t), wait, CheckInterval, stopping.Token).ConfigureAwait(false);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            current = CurrentTag();
            unchanged = Matches(known, current);
        }

        context.Response.Headers.CacheControl = "no-cache";
        if (unchanged)
        {
            context.Response.Headers.ETag = current;
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (body, tag) = status.Build();
        context.Response.Headers.ETag = tag;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    // If-None-Match: "*" or a list of entity tags, compared weakly (RFC 9110 §8.8.3.2).
    private static bool Matches(StringValues ifNoneMatch, string tag) =>
        ifNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && EntityTagHeaderValue.TryParse(tag, out var current)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
}
