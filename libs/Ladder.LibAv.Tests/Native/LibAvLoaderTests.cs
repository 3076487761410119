namespace Ladder.LibAv.Tests.Native;

public sealed class LibAvLoaderTests
{
    [Fact]
    public void EnsureLoaded_Should_ReportEveryLibraryWithMatchingMajor_When_Debian12FFmpegIsInstalled()
    {
        var report = LibAv.EnsureLoaded();

        Assert.Equal(6, report.Count);
        Assert.Contains(report, line => line.StartsWith("libavcodec.so.59: expected major 59, found 59.", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("libavutil.so.57: expected major 57, found 57.", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("libavformat.so.59: expected major 59, found 59.", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("libavfilter.so.8: expected major 8, found 8.", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("libswscale.so.6: expected major 6, found 6.", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith("libswresample.so.4: expected major 4, found 4.", StringComparison.Ordinal));
    }

    [Fact]
    public void FFmpegException_Should_NameCallAndStrerrorText()
    {
        var exception = new FFmpegException("avformat_open_input(\"rtmp://127.0.0.1:1/live/x\")", -111);

        Assert.Equal("avformat_open_input(\"rtmp://127.0.0.1:1/live/x\") failed: Connection refused (-111)", exception.Message);
    }
}
