using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native;

/// <summary>Reads NUL-terminated UTF-8 strings that libav* owns (never frees them).</summary>
internal static unsafe class NativeText
{
    public static string? Read(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);
}
