using Ladder.LibAv;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// The threads of the source's video decoder (<c>AVCodecContext.thread_count</c>): one per 1920x1080 at 30 frames/s
/// of source pixels per second, rounded up, from 1 to the cores. FFmpeg's default (0: the cores plus one, as frame
/// threads for H.264 and HEVC; libavcodec/pthread_frame.c) gives each frame thread its own decoding context with its
/// own picture buffers, and holds back one frame interval per extra thread. In a ladder the encoders keep the cores
/// busy while one thread decodes 1080p H.264 at about 150 frames per CPU second (bench/Ladder.Bench/README.md, "Where
/// the CPU goes"), five times what 1080p30 needs, so the extra threads buy no throughput: on the bench's 1080p24
/// source on 2 cores, 1 thread instead of FFmpeg's 3 took about 20 MiB off the peak RSS at the same CPU seconds and
/// frames per second ("Memory").
/// </summary>
internal static class DecoderThreads
{
    /// <summary>Source pixels per second that one decoding thread is given: 1920 x 1080 x 30.</summary>
    public const double PixelsPerThread = 1920.0 * 1080 * 30;

    /// <summary>Threads for decoding a source of <paramref name="width"/> x <paramref name="height"/> at <paramref name="frameRate"/>.</summary>
    /// <param name="width">Source width in pixels; 0 when the stream does not say (taken as 1920).</param>
    /// <param name="height">Source height in pixels; 0 when the stream does not say (taken as 1080).</param>
    /// <param name="frameRate">Source frames per second; 0/1 when unknown (taken as 30).</param>
    /// <param name="cores">The cores the pipeline runs on.</param>
    /// <returns>From 1 to <paramref name="cores"/>.</returns>
    public static int For(int width, int height, Rational frameRate, int cores)
    {
        var fps = frameRate.IsValid && frameRate.ToDouble() > 0 ? frameRate.ToDouble() : 30;
        var pixels = (width > 0 ? width : 1920) * (double)(height > 0 ? height : 1080) * fps;
        return Math.Clamp((int)Math.Ceiling((pixels / PixelsPerThread) - 1e-9), 1, Math.Max(1, cores));
    }
}
