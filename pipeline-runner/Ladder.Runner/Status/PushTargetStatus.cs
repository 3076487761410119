using Ladder.Pipeline.Push;

namespace Ladder.Runner.Status;

/// <summary>One push target, with its connection's state once the pipeline runs.</summary>
/// <param name="Name">Target name.</param>
/// <param name="Protocol">rtmp, rtmps, srt or udp.</param>
/// <param name="Rendition">The rendition pushed.</param>
/// <param name="Url">The URL with its stream key masked.</param>
internal sealed record PushTargetStatus(string Name, string Protocol, string Rendition, string Url)
{
    /// <summary>connecting, live, backingOff or stopped; null before the pipeline started.</summary>
    public PushState? State { get; init; }

    /// <summary>Why the last connection failed or broke (secrets masked), or null.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next attempt starts (UTC) while backing off, or null.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Seconds the current connection has been live; 0 when not live.</summary>
    public double UptimeSeconds { get; init; }

    /// <summary>Compressed media bytes written over every connection.</summary>
    public long Bytes { get; init; }

    /// <summary>Packets written over every connection.</summary>
    public long Packets { get; init; }

    /// <summary>Packets dropped because the target's queue was full.</summary>
    public long DroppedPackets { get; init; }

    /// <summary>Connection attempts after the first.</summary>
    public long Reconnects { get; init; }
}
