using Ladder.LibAv.Native;

namespace Ladder.LibAv;

/// <summary>Process-wide facts about the loaded FFmpeg libraries.</summary>
public static class LibAv
{
    /// <summary>
    /// Loads the FFmpeg 5.1 libraries by Debian soname and checks their major versions now rather than at the first
    /// media call; returns one line per library (soname, expected major, found version).
    /// </summary>
    /// <exception cref="LibAvVersionException">A library is missing or has another major version.</exception>
    public static IReadOnlyList<string> EnsureLoaded() => LibAvLoader.Describe();
}
