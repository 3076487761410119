using System.Runtime.InteropServices;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// A native copy of a <see cref="MediaDictionary"/> for one <c>AVDictionary**</c> call: FFmpeg removes the entries
/// it consumes, so what is left afterwards was not recognised. Frees the copy (<c>av_dict_free</c>) on dispose.
/// </summary>
internal sealed unsafe class NativeOptions : IDisposable
{
    public NativeOptions(MediaDictionary? options)
    {
        Address = (AVDictionary**)NativeMemory.AllocZeroed((nuint)sizeof(AVDictionary*));
        *Address = options?.CopyNative();
    }

    /// <summary>The <c>AVDictionary**</c> to pass.</summary>
    public AVDictionary** Address { get; }

    /// <summary>Throws when the callee left options unconsumed.</summary>
    /// <exception cref="ArgumentException">Some options were not recognised by <paramref name="context"/>.</exception>
    public void ThrowIfUnused(string context)
    {
        if (*Address != null && AvUtil.av_dict_count(*Address) > 0)
        {
            var unused = string.Join(", ", MediaDictionary.Snapshot(*Address).Select(e => $"{e.Key}={e.Value}"));
            throw new ArgumentException($"{context} did not recognise the option(s) {unused}; check their names with 'ffmpeg -h full'.");
        }
    }

    public void Dispose()
    {
        AvUtil.av_dict_free(Address);
        NativeMemory.Free(Address);
    }
}
