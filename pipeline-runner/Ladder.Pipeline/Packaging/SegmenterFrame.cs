namespace Ladder.Pipeline.Packaging;

/// <summary>One encoded frame as the segmenter sees it: its track version, timestamps and flags, no data.</summary>
/// <param name="Track">The timing of its track version.</param>
/// <param name="Pts">Presentation time in <see cref="TrackTiming.TimeBase"/> ticks; <c>Timestamp.None</c> when unknown (the frame is discarded).</param>
/// <param name="Dts">Decode time in the same ticks; <c>Timestamp.None</c> to use <paramref name="Pts"/>.</param>
/// <param name="Duration">Its own duration in the same ticks; 0 or less when unknown.</param>
/// <param name="IsKeyframe">Whether it is a keyframe (<c>AV_PKT_FLAG_KEY</c>).</param>
/// <param name="StartsSegment">Whether it is a segment-starting keyframe (<see cref="Media.EncodedPacket.StartsSegment"/>).</param>
internal readonly record struct SegmenterFrame(TrackTiming Track, long Pts, long Dts, long Duration, bool IsKeyframe, bool StartsSegment);
