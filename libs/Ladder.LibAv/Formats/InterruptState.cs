using System.Diagnostics;
using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// Drives a format context's <c>AVIOInterruptCB</c> for inputs and outputs alike: FFmpeg polls <see cref="OnInterrupt"/>
/// while a call blocks (about every 100 ms in network waits), and it answers 1 (abort, the call returns
/// <c>AVERROR_EXIT</c>) once the armed deadline passes, the token is cancelled, or the owner is being disposed.
/// With progress tracking (outputs) the deadline restarts whenever the context's <c>AVIOContext.pos</c> moves, so
/// it bounds the time without progress rather than the length of the call.
/// FFmpeg holds a <see cref="GCHandle"/> to this object as the callback's opaque pointer; the handle (which keeps the
/// object alive, no <see cref="GC.KeepAlive"/> needed) is freed by <see cref="Release"/>, which the owning context's
/// release function calls after the context is closed, so the callback never sees a freed handle.
/// </summary>
internal sealed unsafe class InterruptState
{
    private readonly bool _trackProgress;
    private GCHandle _self;
    private AVFormatContext* _context;
    private long _deadline = long.MaxValue;
    private long _timeoutTicks;
    private long _position;
    private string? _timeoutReason;
    private CancellationToken _cancellation;
    private volatile bool _closed;
    private bool _exitAfterTimeout;

    private InterruptState(bool trackProgress)
    {
        _trackProgress = trackProgress;
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The timeout of the current deadline, for error messages.</summary>
    public TimeSpan Timeout { get; private set; }

    /// <summary>Whether the last armed call was aborted because its deadline passed.</summary>
    /// <remarks>
    /// A call that timed out can still succeed (a demuxer returns what it had parsed), leaving <c>AVERROR_EXIT</c> on
    /// the <c>AVIOContext</c>, which the next call returns at once; <see cref="Check"/> reports that
    /// <c>AVERROR_EXIT</c> as the timeout it is, once any call of this context has timed out.
    /// </remarks>
    public bool TimedOut { get; private set; }

    /// <summary>
    /// Creates the state and installs it as <paramref name="context"/>'s <c>interrupt_callback</c>. From then on the
    /// context's release function must call <see cref="Release"/> with that callback after closing the context.
    /// </summary>
    /// <param name="context">A freshly allocated format context.</param>
    /// <param name="trackProgress">Restart the deadline whenever <c>context->pb->pos</c> moves (writes that make progress).</param>
    public static InterruptState Install(AVFormatContext* context, bool trackProgress)
    {
        var state = new InterruptState(trackProgress) { _context = trackProgress ? context : null };
        context->interrupt_callback = new AVIOInterruptCB { callback = &OnInterrupt, opaque = (void*)GCHandle.ToIntPtr(state._self) };
        return state;
    }

    /// <summary>Frees the <see cref="GCHandle"/> behind a callback installed by <see cref="Install"/>; call only once nothing can invoke it any more.</summary>
    public static void Release(AVIOInterruptCB callback)
    {
        if (callback.opaque != null)
        {
            var self = GCHandle.FromIntPtr((nint)callback.opaque);
            ((InterruptState)self.Target!)._context = null;
            self.Free();
        }
    }

    /// <summary>
    /// Starts a deadline of <paramref name="timeout"/> (infinite with <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>)
    /// for the next blocking call. The caller holds a lease on the context.
    /// </summary>
    /// <param name="timeout">The deadline, or with progress tracking the longest time without progress.</param>
    /// <param name="cancellation">Aborts the call.</param>
    /// <param name="timeoutReason">Ends the timeout message (what was being waited for, what to check); null for the input default.</param>
    public void Arm(TimeSpan timeout, CancellationToken cancellation, string? timeoutReason = null)
    {
        Timeout = timeout;
        TimedOut = false;
        _timeoutReason = timeoutReason;
        _cancellation = cancellation;
        _timeoutTicks = timeout == System.Threading.Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _position = CurrentPosition();
        _deadline = Deadline(Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Aborts the call in progress, if any, and every later one: the owner is being disposed. The owner then disposes
    /// its handle, which frees the context once that call has returned.
    /// </summary>
    public void Close() => _closed = true;

    /// <summary>
    /// Turns the result of an armed call into an exception: <see cref="ObjectDisposedException"/> when the owner was
    /// disposed during the call, <see cref="OperationCanceledException"/> when the token was cancelled,
    /// <see cref="FFmpegTimeoutException"/> when the deadline passed, <see cref="FFmpegException"/> otherwise.
    /// </summary>
    public int Check(int result, string context)
    {
        _exitAfterTimeout |= TimedOut;
        if (result >= 0 || result == ErrorCodes.EndOfFile)
        {
            return result;
        }

        if (_closed)
        {
            throw new ObjectDisposedException(context, $"{context} was aborted: the context was disposed while the call ran.");
        }

        _cancellation.ThrowIfCancellationRequested();
        if (!TimedOut && !(_exitAfterTimeout && result == ErrorCodes.Exit))
        {
            throw new FFmpegException(context, result);
        }

        throw _timeoutReason is null
            ? new FFmpegTimeoutException(context, result, Timeout)
            : new FFmpegTimeoutException(context, result, Timeout, _timeoutReason);
    }

    private long CurrentPosition()
    {
        var context = _context;
        return context == null || context->pb == null ? -1 : context->pb->pos;
    }

    private long Deadline(long now) => _timeoutTicks == long.MaxValue ? long.MaxValue : now + _timeoutTicks;

    /// <summary>
    /// Whether the armed call must stop now: the owner is being disposed, the token is cancelled, or the deadline
    /// passed (which sets <see cref="TimedOut"/>). FFmpeg asks through <c>AVIOInterruptCB</c>; a custom read callback
    /// (<see cref="StreamIo"/>) asks directly.
    /// </summary>
    public bool ShouldAbort()
    {
        if (_closed || _cancellation.IsCancellationRequested)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        if (_trackProgress)
        {
            var position = CurrentPosition();
            if (position != _position)
            {
                _position = position;
                _deadline = Deadline(now);
            }
        }

        if (now > _deadline)
        {
            TimedOut = true;
            return true;
        }

        return false;
    }

    [UnmanagedCallersOnly]
    private static int OnInterrupt(void* opaque) => ((InterruptState)GCHandle.FromIntPtr((nint)opaque).Target!).ShouldAbort() ? 1 : 0;
}
