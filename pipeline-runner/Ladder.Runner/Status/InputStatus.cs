namespace Ladder.Runner.Status;

/// <summary>One configured input.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Protocol">rtmp, srt, rtsp, hls, udp or file.</param>
/// <param name="Mode">pull or listen.</param>
/// <param name="Url">The URL with its stream key masked.</param>
internal sealed record InputStatus(string Name, string Protocol, string Mode, string Url);
