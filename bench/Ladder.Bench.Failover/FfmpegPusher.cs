using System.Diagnostics;
using System.Globalization;

namespace Ladder.Bench.Failover;

/// <summary>The ffmpeg CLI pushing a real-time synthetic source (test pattern and tone, H.264 GOP 1 s, AAC); killed on dispose.</summary>
internal sealed class FfmpegPusher : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private FfmpegPusher(string arguments)
    {
        _process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, RedirectStandardInput = true })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts pushing <paramref name="width"/>x<paramref name="height"/> at <paramref name="fps"/> to <paramref name="output"/> (ffmpeg output options and URL).</summary>
    public static FfmpegPusher Start(int width, int height, int fps, string output) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"-v error -re -f lavfi -i testsrc2=size={width}x{height}:rate={fps} -f lavfi -i sine=frequency=440:sample_rate=48000 -c:v libx264 -preset ultrafast -tune zerolatency -g {fps} -pix_fmt yuv420p -c:a aac -b:a 64k -ac 2 {output}"));

    /// <summary>Kills ffmpeg at once (the sender vanishes, as a crashed encoder would).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
