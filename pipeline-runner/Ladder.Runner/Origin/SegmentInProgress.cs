using System.Globalization;
using Ladder.Pipeline.Publishing;

namespace Ladder.Runner.Origin;

/// <summary>
/// A CMAF media segment still being made, served as low-latency DASH expects (ISO/IEC 23009-1 section 5.3.9.5.3,
/// DASH-IF IOP low-latency guidelines): a <c>GET hls/&lt;track&gt;/&lt;n&gt;.m4s</c> for a segment not yet published,
/// whose chunks (<see cref="OriginPaths.Part"/>) are being published, is answered at once with 200 and
/// <c>Transfer-Encoding: chunked</c>; each chunk (<c>moof</c> + <c>mdat</c>) is written and flushed as it is published,
/// and the response ends when the segment completes, its body then being the segment's bytes. A request for the
/// segment after the newest one with chunks (a player's clock a little ahead) first waits for its first chunk. Every
/// wait is a task on the origin's change signals, so a waiting request holds no thread, and lasts at most the chunk's
/// <see cref="OriginResource.FollowWithin"/>. A segment that will not come (no chunk in time, or not the next one) is
/// 404 before the response starts; one whose chunks are withdrawn or stop coming after it started (its track failed)
/// ends the response abortively, so the player sees a broken transfer, never a short segment.
/// </summary>
/// <param name="Track">The track: a rendition name or <c>audio</c>.</param>
/// <param name="Sequence">The segment's sequence number (its <c>$Number$</c>).</param>
internal sealed record SegmentInProgress(string Track, long Sequence)
{
    private string SegmentPath => OriginPaths.Segment(Track, Sequence);

    /// <summary>Reads a CMAF segment path, <c>hls/&lt;track&gt;/&lt;n&gt;.m4s</c>.</summary>
    /// <param name="path">The path relative to the origin root.</param>
    /// <returns>The segment, or null for any other path (a part, an init segment, a playlist).</returns>
    public static SegmentInProgress? TryParse(string path)
    {
        var parts = path.Split('/');
        if (parts is not ["hls", { Length: > 0 } track, { } file] || !file.EndsWith(".m4s", StringComparison.Ordinal))
        {
            return null;
        }

        return long.TryParse(file.AsSpan(0, file.Length - ".m4s".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new SegmentInProgress(track, sequence)
            : null;
    }

    /// <summary>
    /// Waits until the segment's first chunk exists: at once when its chunks are being published, up to the previous
    /// segment's <see cref="OriginResource.FollowWithin"/> when it is the next segment after one with chunks.
    /// </summary>
    /// <param name="origin">The origin's content.</param>
    /// <param name="aborted">The client went away.</param>
    /// <returns>The first chunk; null when the segment is complete, not in progress, not next, or did not start in time.</returns>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public async Task<OriginResource?> FirstChunkAsync(IOriginContent origin, CancellationToken aborted)
    {
        var first = OriginPaths.Part(Track, Sequence, 0);
        var started = origin.Changed(first);
        if (origin.Get(first) is { } chunk)
        {
            return chunk;
        }

        if (Sequence < 1 || origin.Get(OriginPaths.Part(Track, Sequence - 1, 0)) is not { FollowWithin: { } within })
        {
            return null;
        }

        return await WaitAsync(started, within, aborted).ConfigureAwait(false) ? origin.Get(first) : null;
    }

    /// <summary>
    /// Writes the segment to <paramref name="body"/> from its first chunk on, flushing after each chunk, until it
    /// completes.
    /// </summary>
    /// <param name="origin">The origin's content.</param>
    /// <param name="first">The first chunk, from <see cref="FirstChunkAsync"/>.</param>
    /// <param name="body">The response body.</param>
    /// <param name="aborted">The client went away.</param>
    /// <returns>True when the whole segment was written; false when it will not complete (its chunks were withdrawn or stopped coming).</returns>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public async Task<bool> StreamAsync(IOriginContent origin, OriginResource first, Stream body, CancellationToken aborted)
    {
        var sent = 0;
        var next = 0;
        var within = first.FollowWithin ?? TimeSpan.Zero;
        while (true)
        {
            var completed = origin.Changed(SegmentPath);
            var followed = origin.Changed(OriginPaths.Part(Track, Sequence, next));
            var withdrawn = origin.Changed(OriginPaths.Part(Track, Sequence, 0));
            if (origin.Get(SegmentPath) is { } segment)
            {
                await body.WriteAsync(segment.Content[Math.Min(sent, segment.Content.Length)..], aborted).ConfigureAwait(false);
                return true;
            }

            if ((next == 0 ? first : origin.Get(OriginPaths.Part(Track, Sequence, next))) is { } chunk)
            {
                await body.WriteAsync(chunk.Content, aborted).ConfigureAwait(false);
                await body.FlushAsync(aborted).ConfigureAwait(false);
                sent += chunk.Content.Length;
                next++;
                continue;
            }

            if (origin.Get(OriginPaths.Part(Track, Sequence, 0)) is null)
            {
                // The chunks go away once the segment is published (it is then read above) or when it never completes.
                if (origin.Get(SegmentPath) is not null)
                {
                    continue;
                }

                return false;
            }

            if (!await WaitAsync(Task.WhenAny(completed, followed, withdrawn), within, aborted).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Waits for <paramref name="change"/> for at most <paramref name="within"/>.</summary>
    /// <returns>True when it came in time.</returns>
    private static async Task<bool> WaitAsync(Task change, TimeSpan within, CancellationToken aborted)
    {
        try
        {
            await change.WaitAsync(within, aborted).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
