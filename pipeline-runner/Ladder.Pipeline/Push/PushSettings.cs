namespace Ladder.Pipeline.Push;

/// <summary>How push destinations queue, connect and back off; the defaults suit platform ingests.</summary>
public sealed record PushSettings
{
    /// <summary>Packets each destination queues (video of its rendition and audio) before it drops; default 1024 (about 10 s of 30 fps video with audio).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Limit for connecting (TCP/TLS/SRT handshake, RTMP connect and publish); default 10 s.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for a write during which no byte goes out (the peer stopped reading); default 5 s.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first backoff ceiling; default 1 s.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on a backoff wait; default 30 s.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connection must stay live to reset the backoff; default 10 s.</summary>
    public TimeSpan HealthyAfter { get; init; } = TimeSpan.FromSeconds(10);
}
