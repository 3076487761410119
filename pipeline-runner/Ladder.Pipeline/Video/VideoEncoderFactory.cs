using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;

namespace Ladder.Pipeline.Video;

/// <summary>
/// Opens a rendition's encoder (<c>spec.video.encoder</c>) with settings that keep keyframes where the pipeline puts
/// them: closed GOP, no scene-cut keyframes, keyframes forced by <c>pict_type = I</c> turned into IDRs, a short
/// lookahead for latency, VBV from <c>maxBitrate</c>/<c>bufferSize</c>.
/// libx264/libx265: <c>preset</c>, <c>forced-idr=1</c>, <c>x264-params</c>/<c>x265-params</c> with
/// <c>keyint</c>, <c>min-keyint</c>, <c>scenecut=0</c>, <c>open-gop=0</c>, <c>rc-lookahead</c>.
/// NVENC: <c>forced-idr=1</c>, <c>no-scenecut=1</c>, <c>strict_gop=1</c>. QSV: <c>forced_idr=1</c>. VAAPI turns a
/// forced I frame into an IDR by itself. With low-latency output (<see cref="LowLatency"/>) libx264 runs with no
/// lookahead, no B-frames and sliced threads: measured on 24 frames/s, it holds back 1 frame before its first packet
/// instead of 15 (lookahead 10, 2 B-frames, 2 frame threads: 0.6 s), at some cost in compression efficiency. Hardware encoders read frames uploaded to the pipeline's device
/// (<see cref="HardwareContext"/>).
/// </summary>
internal static class VideoEncoderFactory
{
    private const int LookaheadFrames = 10;
    private const int MaxBFrames = 2;

    /// <summary>
    /// Whether <paramref name="spec"/> publishes for low latency (Low-Latency HLS parts or low-latency DASH chunks), so
    /// its encoders should hold back as few frames as they can. Both are fixed for a runner's life (a reload that
    /// switches them is refused), so an encoder never changes mode.
    /// </summary>
    public static bool LowLatency(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Outputs.Hls is { Enabled: true, LowLatency: not null } || spec.Outputs.Dash is { Enabled: true, LowLatency: not null };
    }

    /// <summary>The software pixel format the rendition's filter graph produces: yuv420p, or nv12 for upload to a hardware encoder.</summary>
    public static PixelFormat SoftwareFormat(HardwareAcceleration hardware) => hardware == HardwareAcceleration.None ? PixelFormat.Yuv420P : PixelFormat.Nv12;

    /// <summary>
    /// Encoder threads for <paramref name="rendition"/>, one of the transcoded <paramref name="renditions"/> sharing
    /// <paramref name="cores"/> cores: the cores split by each rendition's share of the pixels per second to encode,
    /// rounded up, from 1 to <paramref name="cores"/>. An even split starves the top rung, which has about half the
    /// work of a usual ladder: on 2 cores and four rungs from 1080p down, 1080p gets 2 threads and the others 1, so the
    /// top rung can take the core the smaller rungs leave idle instead of pacing the whole pipeline from one thread.
    /// A size the spec leaves open is taken as 16:9 of the side it gives (1920x1080 when it gives neither); a frame rate
    /// it leaves open as the highest one it gives, or 30.
    /// </summary>
    /// <param name="rendition">The rendition to size.</param>
    /// <param name="renditions">Every transcoded rendition of the pipeline, <paramref name="rendition"/> included.</param>
    /// <param name="cores">The cores the encoders share.</param>
    public static int EncoderThreads(PipelineRendition rendition, IReadOnlyCollection<PipelineRendition> renditions, int cores)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        ArgumentNullException.ThrowIfNull(renditions);
        cores = Math.Max(1, cores);
        var highestFps = renditions.Select(r => r.Fps ?? 0).DefaultIfEmpty(0).Max();
        var fallbackFps = highestFps > 0 ? highestFps : 30;
        var total = renditions.Sum(r => Work(r, fallbackFps));
        var share = total > 0 ? Work(rendition, fallbackFps) / total : 1;
        return Math.Clamp((int)Math.Ceiling((cores * share) - 1e-9), 1, cores);
    }

    /// <summary>Opens the encoder.</summary>
    /// <param name="video">The video spec (encoder name, preset, GOP, hardware).</param>
    /// <param name="lowLatency">Encode for low latency (<see cref="LowLatency"/>).</param>
    /// <param name="rendition">The rendition (bitrates, profile, level).</param>
    /// <param name="size">Width and height in pixels of the frames sent.</param>
    /// <param name="timeBase">The time base of the frames' PTS: the inverse of <paramref name="frameRate"/>.</param>
    /// <param name="frameRate">Frames per second.</param>
    /// <param name="keyframeInterval">The longest GOP in frames (<c>keyint</c>); forced IDRs come at least this often.</param>
    /// <param name="threads">Encoder threads.</param>
    /// <param name="pixelFormat">The frames' pixel format: <see cref="SoftwareFormat"/>, or the device's surface format with <paramref name="frames"/>.</param>
    /// <param name="frames">The hardware surface pool frames are uploaded to; null for software encoders.</param>
    /// <exception cref="ArgumentException">No such encoder in this FFmpeg build, or an option it does not know.</exception>
    /// <exception cref="FFmpegException">The encoder refused the settings.</exception>
    public static Encoder Create(
        PipelineVideo video, bool lowLatency, PipelineRendition rendition, (int Width, int Height) size, Rational timeBase, Rational frameRate, int keyframeInterval, int threads, PixelFormat pixelFormat, HardwareFrames? frames)
    {
        using var options = new MediaDictionary();
        var name = video.Encoder;
        if (video.Preset is { } preset)
        {
            options.Set("preset", preset);
        }

        if (rendition.Profile is { } profile && !name.EndsWith("_vaapi", StringComparison.Ordinal))
        {
            options.Set("profile", profile.ToString().ToLowerInvariant());
        }

        if (rendition.Level is { } level && !name.EndsWith("_vaapi", StringComparison.Ordinal))
        {
            options.Set("level", level);
        }

        var lookahead = Math.Min(LookaheadFrames, keyframeInterval);
        var keyframes = string.Create(CultureInfo.InvariantCulture, $"keyint={keyframeInterval}:min-keyint={keyframeInterval}:scenecut=0:open-gop=0");
        var gop = string.Create(CultureInfo.InvariantCulture, $"{keyframes}:rc-lookahead={lookahead}");
        var x264LowLatency = lowLatency && name == "libx264";
        switch (name)
        {
            case "libx264":
                options.Set("forced-idr", "1");
                options.Set("x264-params", x264LowLatency ? keyframes + ":rc-lookahead=0:sync-lookahead=0:sliced-threads=1" : gop);
                break;
            case "libx265":
                options.Set("forced-idr", "1");
                options.Set("x265-params", gop + ":log-level=warning");
                break;
            case var encoder when encoder.EndsWith("_nvenc", StringComparison.Ordinal):
                options.Set("forced-idr", "1");
                options.Set("no-scenecut", "1");
                options.Set("strict_gop", "1");
                options.Set("rc-lookahead", lookahead.ToString(CultureInfo.InvariantCulture));
                break;
            case var encoder when encoder.EndsWith("_qsv", StringComparison.Ordinal):
                options.Set("forced_idr", "1");
                break;
            default:
                break;
        }

        return Encoder.CreateVideo(new VideoEncoderSettings
        {
            Codec = name,
            Width = size.Width,
            Height = size.Height,
            PixelFormat = pixelFormat,
            TimeBase = timeBase,
            FrameRate = frameRate,
            BitRate = rendition.Bitrate ?? 0,
            MaxBitRate = rendition.MaxBitrate ?? 0,
            BufferSize = (int)Math.Min(int.MaxValue, rendition.BufferSize ?? 0),
            GopSize = keyframeInterval,
            MaxBFrames = x264LowLatency ? 0 : video.Preset == "ultrafast" ? null : MaxBFrames,
            Threads = threads,
            GlobalHeader = true, // packagers write parameter sets into init segments (avcC/hvcC)
            Options = options,
            HardwareFrames = frames,
        });
    }

    /// <summary>Pixels per second to encode, estimated from the spec.</summary>
    private static double Work(PipelineRendition rendition, double fallbackFps)
    {
        var width = rendition.Width ?? (rendition.Height is { } h ? h * 16.0 / 9 : 1920);
        var height = rendition.Height ?? (rendition.Width is { } w ? w * 9.0 / 16 : 1080);
        return width * height * (rendition.Fps ?? fallbackFps);
    }
}
