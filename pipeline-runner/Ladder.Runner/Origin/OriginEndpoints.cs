using System.Globalization;
using Ladder.Pipeline.Publishing;
using Ladder.Runner.Pipeline;
using Microsoft.Net.Http.Headers;

namespace Ladder.Runner.Origin;

/// <summary>
/// The HLS/DASH origin: <c>GET</c>/<c>HEAD /hls/{path}</c> and <c>/dash/{path}</c> answer from
/// <see cref="IOriginContent"/> with the resource's media type (RFC 8216 section 4 for playlists, ISO/IEC 23009-1
/// for the MPD) and <c>Cache-Control: public, max-age=N</c> from <see cref="OriginResource.MaxAge"/> (short for live
/// playlists, long for segments, as RFC 8216 section 6.2.2 expects of live servers); every answer carries
/// <c>Access-Control-Allow-Origin: *</c> so a player on any page can fetch it, and <c>OPTIONS</c> answers preflights.
/// A Low-Latency HLS media playlist requested with <c>_HLS_msn</c>/<c>_HLS_part</c> is answered once it holds that
/// segment or part (<see cref="BlockingReload"/>): 400 for a request too far ahead or malformed, 503 after three target
/// durations without it; with <c>_HLS_skip=YES</c> (or <c>v2</c>) it answers with the Playlist Delta Update. Other
/// resources ignore the directives. A <c>GET</c> for a CMAF segment still being made is answered with its chunks as
/// they come (<see cref="SegmentInProgress"/>, low-latency DASH).
/// </summary>
internal static class OriginEndpoints
{
    /// <summary>The roots the origin serves.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["hls", "dash"];

    /// <summary>Maps the origin's routes.</summary>
    /// <param name="endpoints">The application.</param>
    public static void MapOrigin(this IEndpointRouteBuilder endpoints)
    {
        foreach (var root in Roots)
        {
            endpoints.MapMethods($"/{root}/{{**path}}", [HttpMethods.Get, HttpMethods.Head], (string path, HttpContext context, IPipelineRuntime runtime) =>
                ServeAsync(runtime.Origin, root + "/" + path, context));
            endpoints.MapMethods($"/{root}/{{**path}}", [HttpMethods.Options], (HttpContext context) => Preflight(context));
        }
    }

    private static async Task<IResult> ServeAsync(IOriginContent? origin, string path, HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        var resource = origin?.Get(path);
        if (resource?.Position is { } position)
        {
            if (BlockingReload.TryRead(context.Request.Query, out var request) is { } malformed)
            {
                headers.CacheControl = "no-store";
                return Results.Problem(malformed, statusCode: StatusCodes.Status400BadRequest);
            }

            if (request is not null)
            {
                if (request.Refusal(position) is { } refusal)
                {
                    headers.CacheControl = "no-store";
                    return Results.Problem(refusal, statusCode: StatusCodes.Status400BadRequest);
                }

                (resource, var timedOut) = await request.WaitAsync(origin!, path, position, context.RequestAborted).ConfigureAwait(false);
                if (timedOut)
                {
                    headers.CacheControl = "no-store";
                    return Results.Problem(
                        $"{BlockingReload.MsnParameter}={request.Msn}{(request.Part is int part ? $", {BlockingReload.PartParameter}={part}" : string.Empty)} was not published within three target durations ({3 * position.TargetDuration} s)",
                        statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            }
        }

        if (resource is null && origin is not null && HttpMethods.IsGet(context.Request.Method) && SegmentInProgress.TryParse(path) is { } inProgress)
        {
            if (await inProgress.FirstChunkAsync(origin, context.RequestAborted).ConfigureAwait(false) is { } first)
            {
                headers.CacheControl = "public, max-age=" + ((long)Math.Max(0, first.MaxAge.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Stream(body => StreamAsync(inProgress, origin, first, body, context), first.ContentType);
            }

            resource = origin.Get(path);
        }

        if (resource is null)
        {
            // The next live segment is a 404 until it is published: never let a cache keep that answer.
            headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        headers.CacheControl = "public, max-age=" + ((long)Math.Max(0, resource.MaxAge.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers.AccessControlExposeHeaders = HeaderNames.ContentLength + ", " + HeaderNames.ContentRange;
        var body = resource.Delta is { } delta && BlockingReload.WantsDelta(context.Request.Query) ? delta : resource.Content;
        return Results.Bytes(body, resource.ContentType, enableRangeProcessing: true);
    }

    /// <summary>Streams a segment in progress; one that will not complete ends the connection, so the client never takes a short body for the segment.</summary>
    private static async Task StreamAsync(SegmentInProgress segment, IOriginContent origin, OriginResource first, Stream body, HttpContext context)
    {
        try
        {
            if (!await segment.StreamAsync(origin, first, body, context.RequestAborted).ConfigureAwait(false))
            {
                context.Abort();
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static IResult Preflight(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders;
        headers.AccessControlAllowHeaders = requested.Count > 0 ? requested : (Microsoft.Extensions.Primitives.StringValues)HeaderNames.Range;
        headers.AccessControlMaxAge = "86400";
        return Results.NoContent();
    }
}
