using System.Globalization;
using Ladder.Pipeline.Publishing;

namespace Ladder.Runner.Origin;

/// <summary>
/// Blocking playlist reload (RFC 8216bis section 6.2.5.2): a request for a Low-Latency HLS media playlist with
/// <c>_HLS_msn=M</c> (and <c>_HLS_part=P</c>) is answered once the playlist holds segment M (or part P of it). The
/// wait is a task on the origin's change signal, so a blocked request holds no thread; it lasts at most three target
/// durations, after which the answer is 503. An <c>_HLS_msn</c> more than two segments past the last one is refused
/// at once (400), as is an <c>_HLS_part</c> without <c>_HLS_msn</c> or a value that is not a non-negative integer.
/// <c>_HLS_skip</c> (<see cref="WantsDelta"/>) asks for the Playlist Delta Update instead of the full playlist.
/// </summary>
/// <param name="Msn">The requested media sequence number (<c>_HLS_msn</c>).</param>
/// <param name="Part">The requested part index (<c>_HLS_part</c>); null for the whole segment.</param>
internal sealed record BlockingReload(long Msn, int? Part)
{
    /// <summary>The query parameter naming the media sequence number.</summary>
    public const string MsnParameter = "_HLS_msn";

    /// <summary>The query parameter naming the part index.</summary>
    public const string PartParameter = "_HLS_part";

    /// <summary>The query parameter asking for a Playlist Delta Update (RFC 8216bis section 6.2.5.1).</summary>
    public const string SkipParameter = "_HLS_skip";

    /// <summary>Whether the request asks for a Playlist Delta Update: <c>_HLS_skip=YES</c>, or <c>v2</c> (which also skips date ranges; there are none).</summary>
    /// <param name="query">The request's query.</param>
    public static bool WantsDelta(IQueryCollection query) => query[SkipParameter] is [("YES" or "v2")];

    /// <summary>Reads the delivery directives of a request.</summary>
    /// <param name="query">The request's query.</param>
    /// <param name="request">The directives; null when the request has none (a plain reload).</param>
    /// <returns>Null when they are valid or absent; else why not, in the client's terms.</returns>
    public static string? TryRead(IQueryCollection query, out BlockingReload? request)
    {
        request = null;
        var hasMsn = query.TryGetValue(MsnParameter, out var msnText);
        var hasPart = query.TryGetValue(PartParameter, out var partText);
        if (!hasMsn)
        {
            return hasPart ? $"{PartParameter} needs {MsnParameter} (RFC 8216bis section 6.2.5.2)" : null;
        }

        if (!long.TryParse(msnText, NumberStyles.None, CultureInfo.InvariantCulture, out var msn))
        {
            return $"{MsnParameter}={msnText} is not a media sequence number (a non-negative integer)";
        }

        if (!hasPart)
        {
            request = new BlockingReload(msn, null);
            return null;
        }

        if (!int.TryParse(partText, NumberStyles.None, CultureInfo.InvariantCulture, out var part))
        {
            return $"{PartParameter}={partText} is not a part index (a non-negative integer)";
        }

        request = new BlockingReload(msn, part);
        return null;
    }

    /// <summary>Why the request is refused at once against <paramref name="position"/>, or null when it may wait.</summary>
    /// <param name="position">Where the playlist stands now.</param>
    public string? Refusal(PlaylistPosition position) => position.TooFarAhead(Msn)
        ? $"{MsnParameter}={Msn} is more than two segments past the playlist's last segment ({position.LastMsn}); reload without it"
        : null;

    /// <summary>
    /// Waits until the playlist at <paramref name="path"/> holds the requested segment or part, for at most three
    /// target durations.
    /// </summary>
    /// <param name="origin">The origin's content.</param>
    /// <param name="path">The media playlist's path.</param>
    /// <param name="position">Where it stood when the request came.</param>
    /// <param name="aborted">The client went away.</param>
    /// <returns>The playlist that holds it, or one that is no longer low latency or is gone (null); TimedOut when none came in time.</returns>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public async Task<(OriginResource? Resource, bool TimedOut)> WaitAsync(IOriginContent origin, string path, PlaylistPosition position, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(3 * position.TargetDuration));
        while (true)
        {
            var changed = origin.Changed(path);
            var current = origin.Get(path);
            if (current?.Position is not { } now || now.Holds(Msn, Part))
            {
                return (current, false);
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return (null, true);
            }
        }
    }
}
