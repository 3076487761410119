using Microsoft.Extensions.Logging;

namespace Ladder.LibAv.Tests.Logging;

public sealed class LibAvLogTests
{
    [Fact]
    public void Attach_Should_RouteFFmpegWarningsToILogger()
    {
        var logger = new CapturingLogger();
        LibAvLog.Attach(logger, LogLevel.Warning);
        try
        {
            // swscale warns about the deprecated full-range yuvj420p format.
            using var scaler = new Scaler(64, 64, PixelFormat.Yuvj420P, 32, 32, PixelFormat.Yuv420P);
        }
        finally
        {
            LibAvLog.Detach();
        }

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("deprecated pixel format used", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Level < LogLevel.Warning);
    }

    [Fact]
    public void Attach_Should_PassEveryMessageThroughTheRedactor_When_OneIsGiven()
    {
        var logger = new CapturingLogger();
        LibAvLog.Attach(logger, LogLevel.Warning, text => text.Replace("deprecated", "****", StringComparison.Ordinal));
        try
        {
            using var scaler = new Scaler(64, 64, PixelFormat.Yuvj420P, 32, 32, PixelFormat.Yuv420P);
        }
        finally
        {
            LibAvLog.Detach();
        }

        Assert.Contains(logger.Entries, e => e.Message.Contains("**** pixel format used", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public void Capture_Should_KeepTheWarningsOfItsOwnThreadOnly()
    {
        LibAvLog.Attach(new CapturingLogger(), LogLevel.Warning, text => text.Replace("deprecated", "****", StringComparison.Ordinal));
        try
        {
            using var capture = LibAvLog.Capture();
            var other = new Thread(() =>
            {
                using var scaler = new Scaler(64, 64, PixelFormat.Yuvj420P, 32, 32, PixelFormat.Yuv420P);
            });
            other.Start();
            other.Join();
            Assert.Empty(capture.Lines);

            using (new Scaler(64, 64, PixelFormat.Yuvj420P, 32, 32, PixelFormat.Yuv420P))
            {
            }

            Assert.Contains(capture.Lines, l => l.Contains("**** pixel format used", StringComparison.Ordinal));
            capture.Clear();
            Assert.Empty(capture.Lines);
        }
        finally
        {
            LibAvLog.Detach();
        }
    }

    [Theory]
    [InlineData(0, LogLevel.Critical)]
    [InlineData(16, LogLevel.Error)]
    [InlineData(24, LogLevel.Warning)]
    [InlineData(32, LogLevel.Information)]
    [InlineData(40, LogLevel.Debug)]
    [InlineData(56, LogLevel.Trace)]
    public void ToLogLevel_Should_MapFFmpegLevels(int ffmpegLevel, LogLevel expected) =>
        Assert.Equal(expected, LibAvLog.ToLogLevel(ffmpegLevel));

    private sealed class CapturingLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
