using System.Security.Cryptography;
using System.Text.Json;

namespace Ladder.Api.Runner;

/// <summary>
/// The entity tag of a <see cref="RunnerStatus"/> on <see cref="RunnerAdminApi.StatusPath"/>: a weak validator
/// (RFC 9110 §8.8.3, <c>W/"…"</c>: equal tags mean semantically equal statuses) over the status less its measurements.
/// Input and rendition bitrates, frame rates and the time of an input's last packet move every second and are left
/// out; whether an input ever delivered a packet is kept. So the tag changes when the phase, the pipeline generation,
/// the active input, an input's health or message, a rendition's size, publication or degradation, a failover, a
/// reload or the last error does (what the operator copies into a LiveStream's status), and when the runner restarts.
/// </summary>
public static class RunnerStatusETag
{
    /// <summary>The weak entity tag of <paramref name="status"/>, e.g. <c>W/"3f9c0a7d5e21b846"</c> (16 hex digits of a SHA-256).</summary>
    public static string Compute(RunnerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var state = status with
        {
            Inputs = [.. status.Inputs.Select(i => i with { Bitrate = null, LastPacketTime = i.LastPacketTime is null ? null : DateTimeOffset.UnixEpoch })],
            Renditions = [.. status.Renditions.Select(r => r with { Bitrate = null, Fps = null })],
        };
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(state, RunnerJson.Options));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 8))}\"";
    }

    /// <summary>
    /// Holds a status request the way <see cref="RunnerAdminApi.StatusPath"/> says, for a server of that API: returns
    /// once <paramref name="currentTag"/> gives null (no status to answer with) or a tag <paramref name="known"/>
    /// rejects, once <paramref name="wait"/> has passed, or once <paramref name="cancellationToken"/> is cancelled;
    /// never throws for the cancellation. Holds no thread between looks.
    /// </summary>
    /// <param name="currentTag">The tag (<see cref="Compute"/>) of the status now; null when there is none.</param>
    /// <param name="known">Whether a tag is one the client already has (its <c>If-None-Match</c>).</param>
    /// <param name="wait">The <c>Prefer: wait</c> granted.</param>
    /// <param name="checkInterval">How often to look again: the longest delay between a change and the answer.</param>
    /// <param name="cancellationToken">The client went away or the server stops.</param>
    public static async Task HoldWhileUnchangedAsync(Func<string?> currentTag, Func<string, bool> known, TimeSpan wait, TimeSpan checkInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentTag);
        ArgumentNullException.ThrowIfNull(known);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        held.CancelAfter(wait);
        while (!held.IsCancellationRequested && currentTag() is { } tag && known(tag))
        {
            try
            {
                await Task.Delay(checkInterval, held.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
