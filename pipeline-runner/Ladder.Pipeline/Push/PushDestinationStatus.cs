namespace Ladder.Pipeline.Push;

/// <summary>One push destination's state and counters, with every secret masked.</summary>
/// <param name="Name">The target name (the label of its metrics).</param>
/// <param name="Protocol">rtmp, rtmps, srt or udp.</param>
/// <param name="Rendition">The rendition pushed (its video track) with the shared audio.</param>
/// <param name="Url">The URL opened, stream key and SRT passphrase masked.</param>
/// <param name="State">The connection's state.</param>
/// <param name="LastError">Why the last connection failed or broke (masked), or null when none did.</param>
/// <param name="NextAttemptAt">When the next connection attempt starts (UTC) while <see cref="PushState.BackingOff"/>; otherwise null.</param>
/// <param name="ConnectedAt">When the current connection went live (UTC), or null when not live.</param>
/// <param name="UptimeSeconds">Seconds the current connection has been live; 0 when not live.</param>
/// <param name="Bytes">Compressed media bytes handed to the muxer (packet payloads, without container overhead), over every connection.</param>
/// <param name="Packets">Packets written, over every connection.</param>
/// <param name="DroppedPackets">Packets dropped because the destination's queue was full (the destination is slower than real time).</param>
/// <param name="Reconnects">Connection attempts after the first one.</param>
public sealed record PushDestinationStatus(
    string Name,
    string Protocol,
    string Rendition,
    string Url,
    PushState State,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? ConnectedAt,
    double UptimeSeconds,
    long Bytes,
    long Packets,
    long DroppedPackets,
    long Reconnects);
