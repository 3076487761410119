using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>Release of <c>AVBufferRef</c> references for <see cref="OwnedHandle{T}"/>.</summary>
internal static unsafe class BufferRefs
{
    /// <summary>Drops one reference (<c>av_buffer_unref</c>).</summary>
    public static void Unref(AVBufferRef* buffer) => AvUtil.av_buffer_unref(&buffer);
}
