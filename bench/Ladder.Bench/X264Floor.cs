using System.Globalization;
using Ladder.Pipeline.Video;

namespace Ladder.Bench;

/// <summary>
/// The x264 floor: what the ladder costs when nothing but libx264 runs. Before any measurement, each rung's frames are
/// decoded and scaled once as Ladder scales them (swscale bicubic, <c>setsar=1</c>, yuv420p: the filter graph of
/// <c>VideoRenditionStage</c>) into a YUV4MPEG2 file in the work directory; then each rung is encoded alone by one
/// measured <c>ffmpeg</c> that reads that file and encodes it with Ladder's settings for the rung (<see cref="Arguments"/>)
/// to the <c>null</c> muxer. The floor is the sum of the rungs' CPU seconds: video only, reading the raw frames
/// included. The audio (AAC-LC of the input's first audio stream, decoded and encoded alone) is measured beside it and
/// not added. <see cref="Dispose"/> deletes the frame files (about 3 MB per 1080p frame).
/// </summary>
internal sealed class X264Floor : IDisposable
{
    private readonly InputMedia _input;
    private readonly IReadOnlyList<(Rung Rung, int Threads, string Frames)> _rungs;

    private X264Floor(InputMedia input, IReadOnlyList<(Rung Rung, int Threads, string Frames)> rungs)
    {
        _input = input;
        _rungs = rungs;
    }

    /// <summary>Scales the input's video to each rung's size into <paramref name="work"/> (not measured).</summary>
    /// <param name="input">The benchmark input.</param>
    /// <param name="work">The work directory.</param>
    /// <exception cref="InvalidOperationException">ffmpeg failed; the message has its error.</exception>
    public static X264Floor Prepare(InputMedia input, string work)
    {
        var renditions = BenchLadder.ToSpec(input.Path).Video.Renditions;
        var rungs = new List<(Rung, int, string)>();
        var floor = new X264Floor(input, rungs);
        try
        {
            foreach (var (rung, rendition) in BenchLadder.Rungs.Zip(renditions))
            {
                var frames = Path.Combine(work, $"floor-{rung.Name}.y4m");
                rungs.Add((rung, VideoEncoderFactory.EncoderThreads(rendition, renditions, Environment.ProcessorCount), frames));
                Tools.Capture("ffmpeg", ["-v", "error", "-nostdin", "-y", "-i", input.Path, "-map", "0:v:0", "-vf", $"scale={rung.Width}:{rung.Height}:flags=bicubic,setsar=1,format=yuv420p", "-f", "yuv4mpegpipe", frames]);
            }

            return floor;
        }
        catch
        {
            floor.Dispose();
            throw;
        }
    }

    /// <summary>The measured ffmpeg command of one rung: libx264 as Ladder's <c>VideoEncoderFactory</c> opens it for that rung, its thread count included.</summary>
    /// <param name="rung">The rung.</param>
    /// <param name="threads">Encoder threads.</param>
    /// <param name="frames">The rung's YUV4MPEG2 file.</param>
    /// <param name="frameRate">Frames per second: the GOP in frames is <see cref="BenchLadder.GopSeconds"/> times it.</param>
    public static IReadOnlyList<string> Arguments(Rung rung, int threads, string frames, double frameRate) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "yuv4mpegpipe", "-i", frames,
        "-c:v", "libx264", "-preset", BenchLadder.Preset, "-profile:v", "high", "-bf", Inv(BenchLadder.BFrames), "-threads", Inv(threads),
        "-forced-idr", "1", "-x264-params", FfmpegPeer.X264Params(frameRate),
        "-b:v", Rung.Cli(rung.Kbps), "-maxrate", Rung.Cli(rung.MaxKbps), "-bufsize", Rung.Cli(rung.BufferKbit),
        "-f", "null", "-",
    ];

    /// <summary>Encodes every rung alone, then the audio alone, each under GNU time.</summary>
    /// <param name="run">The run number, from 1.</param>
    /// <param name="work">Where the logs go.</param>
    public FloorResult Measure(int run, string work)
    {
        var rungs = _rungs.Select(r => (r.Rung, MeasuredProcess.Run("ffmpeg", Arguments(r.Rung, r.Threads, r.Frames, _input.FrameRate), Path.Combine(work, $"floor-{r.Rung.Name}-{run}.log"), profile: false))).ToList();
        string[] audio =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-i", _input.Path, "-map", "0:a:0",
            "-c:a", "aac", "-b:a", Rung.Cli(BenchLadder.AudioKbps), "-ac", Inv(BenchLadder.AudioChannels), "-ar", Inv(BenchLadder.AudioSampleRate), "-f", "null", "-",
        ];
        return new FloorResult(run, rungs, MeasuredProcess.Run("ffmpeg", audio, Path.Combine(work, $"floor-audio-{run}.log"), profile: false));
    }

    /// <summary>The commands, for the log.</summary>
    public IEnumerable<string> Describe() => _rungs.Select(r => FfmpegPeer.Quote("ffmpeg", Arguments(r.Rung, r.Threads, r.Frames, _input.FrameRate)));

    /// <summary>Deletes the frame files.</summary>
    public void Dispose()
    {
        foreach (var (_, _, frames) in _rungs)
        {
            File.Delete(frames);
        }
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
