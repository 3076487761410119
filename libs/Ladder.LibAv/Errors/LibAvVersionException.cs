namespace Ladder.LibAv;

/// <summary>
/// The FFmpeg libraries found at load time are not the FFmpeg 5.1 (Debian 12) majors these bindings were written
/// against (avutil 57, avcodec 59, avformat 59, avfilter 8, swscale 6, swresample 4); the message lists every library
/// with its expected and found version.
/// </summary>
public sealed class LibAvVersionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message, listing every library.</param>
    /// <param name="libraries">One line per library: soname, expected major, found version.</param>
    public LibAvVersionException(string message, IReadOnlyList<string> libraries)
        : base(message) => Libraries = libraries;

    /// <summary>One line per library: soname, expected major, found version (or "not loadable").</summary>
    public IReadOnlyList<string> Libraries { get; }
}
