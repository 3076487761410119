using Ladder.LibAv;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// What a newly opened input carries for one consumer: its stream's codec parameters (owned by the consumer, which
/// disposes them) and, for video, the frame rate. Sent through the consumer's queue ahead of the first packet of a
/// (re)opened input, so a decoder is recreated exactly where the stream changes.
/// </summary>
/// <param name="Parameters">A detached copy of the stream's codec parameters.</param>
/// <param name="FrameRate">Video frames per second as FFmpeg guesses it; 0/1 for audio or when unknown.</param>
internal sealed record SourceFormat(CodecParameters Parameters, Rational FrameRate);
