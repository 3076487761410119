namespace Ladder.Runner.Status;

/// <summary>One push target.</summary>
/// <param name="Name">Target name.</param>
/// <param name="Protocol">rtmp, rtmps or srt.</param>
/// <param name="Rendition">The rendition pushed.</param>
/// <param name="Url">The URL with its stream key masked.</param>
internal sealed record PushTargetStatus(string Name, string Protocol, string Rendition, string Url);
