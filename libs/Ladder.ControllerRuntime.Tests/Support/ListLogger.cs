using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ladder.ControllerRuntime.Tests.Support;

/// <summary>A logger that keeps every entry (level, formatted message, exception) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Error)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Error)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception), exception));
}
