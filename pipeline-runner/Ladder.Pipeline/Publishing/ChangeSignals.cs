using System.Collections.Concurrent;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// One-shot change signals by key (an origin path): <see cref="Next"/> gives a task that completes at the next
/// <see cref="Raise"/> of that key, so any number of waiters (blocked playlist reloads) hold no thread. Thread-safe.
/// Continuations run asynchronously, never on the publisher's thread.
/// </summary>
public sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes the next time <paramref name="key"/> changes; get it before reading the current state, so no change is missed.</summary>
    /// <param name="key">The key, e.g. <c>hls/720p/playlist.m3u8</c>.</param>
    /// <returns>The task; shared by every waiter of the key.</returns>
    public Task Next(string key) =>
        _waiting.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every waiter of <paramref name="key"/>; later waiters wait for the change after this one.</summary>
    /// <param name="key">The key that changed.</param>
    public void Raise(string key)
    {
        if (_waiting.TryRemove(key, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
