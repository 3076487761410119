using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native;

/// <summary>
/// Owns one libav* pointer and frees it exactly once with the matching <c>*_free</c> function, on dispose or, if the
/// owner forgot, on finalization. Code reaches the pointer only through <see cref="Acquire"/>, which holds the handle
/// (<see cref="SafeHandle.DangerousAddRef"/>) until the lease is disposed: a <see cref="SafeHandle.Dispose()"/> on
/// another thread, or finalization, meanwhile only marks the handle closed, and the pointer is freed when the last
/// lease ends, so FFmpeg never runs on freed memory.
/// </summary>
/// <typeparam name="T">The native struct the pointer points to.</typeparam>
internal sealed unsafe class OwnedHandle<T> : SafeHandle
    where T : unmanaged
{
    private readonly delegate*<T*, void> _release;
    private volatile bool _disposed;

    /// <summary>Takes ownership of <paramref name="pointer"/>; <paramref name="release"/> frees it.</summary>
    public OwnedHandle(T* pointer, delegate*<T*, void> release)
        : base(0, ownsHandle: true)
    {
        _release = release;
        SetHandle((nint)pointer);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Holds the handle open and returns its pointer for the lease's lifetime; use as
    /// <c>using var lease = handle.Acquire(); native(lease.Pointer);</c>. Allocates nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public Lease Acquire()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw Disposed();
        }

        // A handle disposed while leased stays open (not IsClosed) until its last lease ends; calls that start after
        // the dispose must still fail rather than extend its life.
        if (_disposed)
        {
            DangerousRelease();
            throw Disposed();
        }

        return new Lease(this);
    }

    /// <summary>A lease on <paramref name="owner"/>, or an empty lease (null pointer) when it is null, for optional arguments such as a flushing <c>NULL</c> packet.</summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public static Lease AcquireOrNull(OwnedHandle<T>? owner) => owner is null ? default : owner.Acquire();

    /// <summary>
    /// Records that the native side replaced the owned pointer in place (functions taking <c>T**</c>, such as
    /// <c>av_dict_set</c>, may reallocate); the old pointer is no longer valid and must not be freed. The caller holds a lease.
    /// </summary>
    public void Replace(in Lease lease, T* pointer)
    {
        _ = lease.Pointer;
        SetHandle((nint)pointer);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        _release((T*)handle);
        return true;
    }

    private static ObjectDisposedException Disposed() =>
        new(typeof(T).Name, $"The {typeof(T).Name} was disposed; it cannot be used any more.");

    /// <summary>One hold on an <see cref="OwnedHandle{T}"/>: the pointer stays valid until <see cref="Dispose"/>.</summary>
    public readonly ref struct Lease
    {
        private readonly OwnedHandle<T>? _owner;

        internal Lease(OwnedHandle<T> owner)
        {
            _owner = owner;
            Pointer = (T*)owner.DangerousGetHandle();
        }

        /// <summary>The pointer, valid while the lease is held; null for an empty lease.</summary>
        public T* Pointer { get; }

        /// <summary>Ends the hold; frees the pointer if the handle was disposed meanwhile and this was the last hold.</summary>
        public void Dispose() => _owner?.DangerousRelease();
    }
}
