namespace Ladder.Pipeline.Push;

/// <summary>Where a push destination's connection stands.</summary>
public enum PushState
{
    /// <summary>Opening the connection (TCP/TLS/SRT handshake, RTMP publish) and writing the header.</summary>
    Connecting,

    /// <summary>Connected: packets go out from the first video keyframe after connecting.</summary>
    Live,

    /// <summary>The last attempt failed or the connection broke; waiting until <see cref="PushDestinationStatus.NextAttemptAt"/>.</summary>
    BackingOff,

    /// <summary>Removed from the spec or the runner is stopping; nothing more is sent.</summary>
    Stopped,
}
