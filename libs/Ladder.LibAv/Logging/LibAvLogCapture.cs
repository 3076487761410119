namespace Ladder.LibAv;

/// <summary>
/// The warnings and errors FFmpeg logged on one thread while this capture was open, each redacted as the log is, the
/// newest last, at most <see cref="Capacity"/>: the evidence behind an error code that says little. An HLS input
/// whose segments answer 404 fails its open with a timeout or an I/O error, and only the log says "HTTP error 404".
/// Open with <see cref="LibAvLog.Capture"/> on the thread that calls into FFmpeg (it needs
/// <see cref="LibAvLog.Attach"/>), read and dispose on that same thread.
/// </summary>
public sealed class LibAvLogCapture : IDisposable
{
    /// <summary>The most lines kept; older ones are forgotten.</summary>
    public const int Capacity = 32;

    private readonly Queue<string> _lines = new(Capacity);
    private readonly LibAvLogCapture? _outer;

    internal LibAvLogCapture(LibAvLogCapture? outer) => _outer = outer;

    /// <summary>The lines captured since the capture opened or was last cleared, oldest first (FFmpeg's text, redacted).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Forgets the lines captured so far (at the start of a new attempt).</summary>
    public void Clear() => _lines.Clear();

    /// <summary>Stops capturing on this thread; the capture that was open before this one (if any) captures again.</summary>
    public void Dispose() => LibAvLog.EndCapture(this, _outer);

    internal void Add(string line)
    {
        if (_lines.Count == Capacity)
        {
            _lines.Dequeue();
        }

        _lines.Enqueue(line);
    }
}
