namespace Ladder.LibAv;

/// <summary>What the video <c>buffer</c> source of a <see cref="FilterGraph"/> is fed (libavfilter/buffersrc.c options).</summary>
public sealed record VideoFilterInput
{
    /// <summary>Width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Pixel format of the frames pushed.</summary>
    public required PixelFormat PixelFormat { get; init; }

    /// <summary>The time base of the frames' PTS (e.g. the decoder's <see cref="Decoder.TimeBase"/>).</summary>
    public required Rational TimeBase { get; init; }

    /// <summary>The nominal frame rate in frames/s, if known; filters such as fps use it.</summary>
    public Rational? FrameRate { get; init; }

    /// <summary>Sample (pixel) aspect ratio; default square 1/1.</summary>
    public Rational SampleAspectRatio { get; init; } = new(1, 1);

    internal string ToArguments() =>
        $"video_size={Width}x{Height}:pix_fmt={PixelFormat.Name}:time_base={TimeBase}:pixel_aspect={SampleAspectRatio}"
        + (FrameRate is { IsValid: true } rate ? $":frame_rate={rate}" : string.Empty);
}
