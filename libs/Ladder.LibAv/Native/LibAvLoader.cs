using System.Reflection;
using System.Runtime.InteropServices;

namespace Ladder.LibAv.Native;

/// <summary>
/// Maps the logical library names used by the bindings (<c>avcodec</c>, ...) to the Debian 12 sonames of FFmpeg 5.1
/// (<c>libavcodec.so.59</c>, ...) through one <see cref="NativeLibrary.SetDllImportResolver"/>, and checks on first load
/// that every library's major version matches, failing with one <see cref="LibAvVersionException"/> that lists them all.
/// </summary>
internal static unsafe class LibAvLoader
{
    /// <summary>One FFmpeg library: logical name, soname, the <c>*_version()</c> export and the major it must report.</summary>
    internal sealed record Library(string Name, string SoName, string VersionFunction, int ExpectedMajor);

    /// <summary>The libraries of FFmpeg 5.1 as Debian 12 ships them.</summary>
    internal static readonly IReadOnlyList<Library> Libraries =
    [
        new(AvUtil.Name, "libavutil.so.57", "avutil_version", 57),
        new(AvCodec.Name, "libavcodec.so.59", "avcodec_version", 59),
        new(AvFormat.Name, "libavformat.so.59", "avformat_version", 59),
        new(AvFilter.Name, "libavfilter.so.8", "avfilter_version", 8),
        new(SwScale.Name, "libswscale.so.6", "swscale_version", 6),
        new(SwResample.Name, "libswresample.so.4", "swresample_version", 4),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, nint>> s_handles = new(LoadAll);
    private static int s_registered;
    private static IReadOnlyList<string> s_report = [];

    /// <summary>Installs the resolver once; every native class calls this from its static constructor.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(LibAvLoader).Assembly, Resolve);
        }
    }

    /// <summary>Loads and checks every library (throwing <see cref="LibAvVersionException"/> on a mismatch) and reports them.</summary>
    public static IReadOnlyList<string> Describe()
    {
        Register();
        _ = s_handles.Value;
        return s_report;
    }

    /// <summary>The address of an export of a loaded library, e.g. a default callback to restore.</summary>
    public static nint GetExport(string library, string name) => NativeLibrary.GetExport(s_handles.Value[library], name);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        s_handles.Value.TryGetValue(name, out var handle) ? handle : 0;

    private static Dictionary<string, nint> LoadAll()
    {
        var handles = new Dictionary<string, nint>(StringComparer.Ordinal);
        var problems = new List<string>();
        var report = new List<string>();
        foreach (var library in Libraries)
        {
            if (!NativeLibrary.TryLoad(library.SoName, out var handle))
            {
                problems.Add(library.SoName);
                report.Add($"{library.SoName}: expected major {library.ExpectedMajor}, found: not loadable");
                continue;
            }

            var version = ((delegate* unmanaged<uint>)NativeLibrary.GetExport(handle, library.VersionFunction))();
            var found = $"{version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}";
            report.Add($"{library.SoName}: expected major {library.ExpectedMajor}, found {found}");
            if (version >> 16 != library.ExpectedMajor)
            {
                problems.Add(library.SoName);
            }

            handles[library.Name] = handle;
        }

        s_report = report;
        if (problems.Count > 0)
        {
            throw new LibAvVersionException(
                $"Ladder.LibAv needs FFmpeg 5.1 (the Debian 12 packages); {string.Join(", ", problems)} did not match. "
                + $"{string.Join("; ", report)}. Install libavcodec59 libavformat59 libavutil57 libavfilter8 libswscale6 libswresample4 "
                + "(hack/install-deps.sh does).",
                report);
        }

        return handles;
    }
}
