using Ladder.LibAv;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// One decoded picture on its way to a rendition: a pooled frame holding its own reference (<c>av_frame_ref</c>) to
/// the decoder's buffers, PTS in pipeline ticks (1/90000 s), and the source's nominal frame rate.
/// </summary>
internal readonly record struct DecodedFrame(Frame Frame, Rational SourceFrameRate);
