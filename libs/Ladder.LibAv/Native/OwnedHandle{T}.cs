using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native;

/// <summary>
/// Owns one libav* pointer and frees it exactly once with the matching <c>*_free</c> function, on dispose or, if the
/// owner forgot, on finalization.
/// </summary>
/// <typeparam name="T">The native struct the pointer points to.</typeparam>
internal sealed unsafe class OwnedHandle<T> : SafeHandle
    where T : unmanaged
{
    private readonly delegate*<T*, void> _release;

    /// <summary>Takes ownership of <paramref name="pointer"/>; <paramref name="release"/> frees it.</summary>
    public OwnedHandle(T* pointer, delegate*<T*, void> release)
        : base(0, ownsHandle: true)
    {
        _release = release;
        SetHandle((nint)pointer);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>The pointer; throws once the handle is closed.</summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public T* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (T*)handle;
        }
    }

    /// <summary>
    /// Records that the native side replaced the owned pointer in place (functions taking <c>T**</c>, such as
    /// <c>av_dict_set</c>, may reallocate); the old pointer is no longer valid and must not be freed.
    /// </summary>
    public void Replace(T* pointer)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        SetHandle((nint)pointer);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        _release((T*)handle);
        return true;
    }
}
