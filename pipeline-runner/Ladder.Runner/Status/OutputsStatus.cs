namespace Ladder.Runner.Status;

/// <summary>The outputs.</summary>
/// <param name="Hls">The master playlist's URL path, or null when HLS is off.</param>
/// <param name="Dash">The MPD's URL path, or null when DASH is off.</param>
/// <param name="Push">Push targets.</param>
internal sealed record OutputsStatus(string? Hls, string? Dash, IReadOnlyList<PushTargetStatus> Push);
