using Ladder.LibAv;

namespace Ladder.Pipeline.Ingest;

/// <summary>The streams of an open input session that the pipeline reads: one video, at most one audio.</summary>
/// <param name="Video">The video stream.</param>
/// <param name="Audio">The audio stream, or null when the input has none.</param>
internal sealed record InputSessionStreams(StreamInfo Video, StreamInfo? Audio);
