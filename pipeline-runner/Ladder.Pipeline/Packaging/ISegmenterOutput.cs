namespace Ladder.Pipeline.Packaging;

/// <summary>
/// What a <see cref="TrackSegmenter{T}"/> decided, in order: for each segment <see cref="Opened"/>, its frames with
/// their durations (<see cref="Write"/>), with parts <see cref="PartEnded"/> after each part's frames, then <see cref="Closed"/>; frames left out go to <see cref="Discard"/> or
/// <see cref="Drop"/>. Every method takes ownership of the frame it is given, even when it throws.
/// </summary>
/// <typeparam name="T">The frame's data (a packet reference in the packager, anything in a test).</typeparam>
internal interface ISegmenterOutput<in T>
{
    /// <summary>A segment opens with <paramref name="first"/>, which is written next.</summary>
    /// <param name="segment">The segment, not yet closed.</param>
    /// <param name="first">Its first frame (for the muxer's codec parameters when <see cref="SegmentSpan.NewMuxer"/>).</param>
    void Opened(SegmentSpan segment, T first);

    /// <summary>A frame of the open segment, in decode order.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="duration">Its duration in track ticks: up to the next frame's decode time, or its own (or one frame) across a break.</param>
    void Write(T frame, long duration);

    /// <summary>
    /// A part of the open segment ends after the last <see cref="Write"/> (only with a part target): its frames are
    /// those written since the previous part. A segment's last part ends just before <see cref="Closed"/>.
    /// </summary>
    /// <param name="part">The part.</param>
    void PartEnded(PartSpan part);

    /// <summary>The open segment ends after its last <see cref="Write"/>.</summary>
    /// <param name="segment">The segment with <see cref="SegmentSpan.EndPts"/> set.</param>
    void Closed(SegmentSpan segment);

    /// <summary>A frame left out: no timestamp, decode time not increasing, an older track version, or outside any segment (before the first boundary, after a capped segment, after a failure).</summary>
    /// <param name="frame">The frame.</param>
    void Discard(T frame);

    /// <summary>An audio frame dropped because too many waited for their boundary.</summary>
    /// <param name="frame">The frame.</param>
    void Drop(T frame);
}
