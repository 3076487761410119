namespace Ladder.Bench;

/// <summary>
/// One start of one side, each figure in seconds from just before the process was started; null where the side does not
/// tell it (the ffmpeg CLI has no status API) or it was not seen before the first segment.
/// </summary>
/// <param name="Side">The runner variant's label, or <c>ffmpeg</c>.</param>
/// <param name="Run">The run number, from 1.</param>
/// <param name="HttpSeconds">The first answer of <c>GET /v1/status</c>: the runner's HTTP server listens.</param>
/// <param name="InputSeconds">The first status with an <c>activeInput</c>: the input was opened and probed.</param>
/// <param name="KeyframeSeconds">The first status whose decode stage counts a frame: the first keyframe (IDR) was decoded.</param>
/// <param name="SegmentSeconds">The top rung's media playlist first lists a segment (<c>#EXTINF</c>).</param>
internal sealed record StartupTimes(string Side, int Run, double? HttpSeconds, double? InputSeconds, double? KeyframeSeconds, double SegmentSeconds);
