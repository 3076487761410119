using System.Diagnostics;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Notices, within <see cref="InputSettings.SessionTimeout"/>, an input that sends packets but no usable video (so the
/// read timeout never fires while nothing comes out): video without timestamps, packets only on streams the session
/// did not open, or no keyframe to start on. Then it throws <see cref="InputProblem.NoUsableVideo"/>, and the ingest
/// reopens the input with backoff instead of reading it in a busy loop; so does a file that ends without any usable
/// video (<see cref="Finish"/>), rather than being replayed at once. One per input session, on the ingest thread.
/// </summary>
internal sealed class UsableVideoWatch(InputSettings settings, TimestampNormalizer normalizer)
{
    private readonly long _untimedAtStart = normalizer.UntimedVideoPackets;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _since = Stopwatch.GetTimestamp();
    private long _otherStream;
    private bool _any;

    /// <summary>Records one packet read: whether it was on a stream of the session, and whether it was usable video.</summary>
    /// <exception cref="InvalidDataException">No usable video for the read timeout; the message says why.</exception>
    public void Record(bool knownStream, bool usableVideo)
    {
        if (usableVideo)
        {
            _since = Stopwatch.GetTimestamp();
            _otherStream = 0;
            _any = true;
            return;
        }

        _otherStream += knownStream ? 0 : 1;
        var waited = Stopwatch.GetElapsedTime(_since);
        if (waited > settings.SessionTimeout)
        {
            throw InputProblem.NoUsableVideo(settings, normalizer.UntimedVideoPackets - _untimedAtStart, _otherStream, waited);
        }
    }

    /// <summary>At the end of the session's input (a file read to its end): throws when not one usable video packet came.</summary>
    /// <exception cref="InvalidDataException">The session delivered no usable video; the message says why.</exception>
    public void Finish()
    {
        if (!_any)
        {
            throw InputProblem.NoUsableVideo(settings, normalizer.UntimedVideoPackets - _untimedAtStart, _otherStream, Stopwatch.GetElapsedTime(_start));
        }
    }
}
