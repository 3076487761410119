using System.Diagnostics;
using System.Runtime.InteropServices;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// Drives a format context's <c>AVIOInterruptCB</c>: FFmpeg polls <see cref="OnInterrupt"/> while a call blocks, and
/// it answers 1 (abort, the call returns <c>AVERROR_EXIT</c>) once the armed deadline passes or the token is cancelled.
/// Owns the <see cref="GCHandle"/> that FFmpeg holds as the callback's opaque pointer.
/// </summary>
internal sealed unsafe class InterruptState : IDisposable
{
    private GCHandle _self;
    private long _deadline = long.MaxValue;
    private CancellationToken _cancellation;

    public InterruptState() => _self = GCHandle.Alloc(this);

    /// <summary>The timeout of the current deadline, for error messages.</summary>
    public TimeSpan Timeout { get; private set; }

    /// <summary>Whether the last armed call was aborted because its deadline passed.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>The callback struct to store in <c>AVFormatContext.interrupt_callback</c>.</summary>
    public AVIOInterruptCB Callback => new() { callback = &OnInterrupt, opaque = (void*)GCHandle.ToIntPtr(_self) };

    /// <summary>Starts a deadline of <paramref name="timeout"/> (infinite with <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>) for the next blocking call.</summary>
    public void Arm(TimeSpan timeout, CancellationToken cancellation)
    {
        Timeout = timeout;
        TimedOut = false;
        _cancellation = cancellation;
        _deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// Turns the result of an armed call into an exception: <see cref="OperationCanceledException"/> when the token
    /// was cancelled, <see cref="FFmpegTimeoutException"/> when the deadline passed, <see cref="FFmpegException"/> otherwise.
    /// </summary>
    public int Check(int result, string context)
    {
        if (result >= 0 || result == ErrorCodes.EndOfFile)
        {
            return result;
        }

        _cancellation.ThrowIfCancellationRequested();
        throw TimedOut ? new FFmpegTimeoutException(context, result, Timeout) : new FFmpegException(context, result);
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static int OnInterrupt(void* opaque)
    {
        var state = (InterruptState)GCHandle.FromIntPtr((nint)opaque).Target!;
        if (state._cancellation.IsCancellationRequested)
        {
            return 1;
        }

        if (Stopwatch.GetTimestamp() > state._deadline)
        {
            state.TimedOut = true;
            return 1;
        }

        return 0;
    }
}
