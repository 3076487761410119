using Ladder.LibAv;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// What a newly opened input carries for one consumer: its stream's codec parameters (owned by the consumer, which
/// disposes them) and, for video, the frame rate. Sent through the consumer's queue ahead of the first packet of a
/// (re)opened input, so a decoder is recreated exactly where the stream changes.
/// </summary>
/// <param name="Parameters">A detached copy of the stream's codec parameters.</param>
/// <param name="FrameRate">Video frames per second as FFmpeg guesses it; 0/1 for audio or when unknown.</param>
internal sealed record SourceFormat(CodecParameters Parameters, Rational FrameRate)
{
    /// <summary>The highest frame rate taken at face value; a damaged stream can claim 90000 fps, which the renditions would honour.</summary>
    private const double MaxFrameRate = 240;

    /// <summary>
    /// The first presentation time the decoder shows (pipeline ticks): the input joined mid-GOP, so the packets from its
    /// keyframe up to this time are decoded only as references; <see cref="long.MinValue"/> (the default) shows every
    /// frame.
    /// </summary>
    public long ShowFrom { get; init; } = long.MinValue;

    /// <summary>The format of a video stream; a guessed frame rate outside 1 to 240 fps counts as unknown (0/1).</summary>
    public static SourceFormat Video(StreamInfo video) =>
        new(CodecParameters.From(video), video.FrameRate.IsValid && video.FrameRate.ToDouble() is >= 1 and <= MaxFrameRate ? video.FrameRate : new Rational(0, 1));

    /// <summary>The format of an audio stream.</summary>
    public static SourceFormat Audio(StreamInfo audio) => new(CodecParameters.From(audio), new Rational(0, 1));
}
