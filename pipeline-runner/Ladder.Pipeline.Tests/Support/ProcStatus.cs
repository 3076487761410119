namespace Ladder.Pipeline.Tests.Support;

/// <summary>This process's <c>/proc/self/status</c> (man 5 proc), read afresh on every call.</summary>
internal static class ProcStatus
{
    /// <summary>The value of the line <c>name:</c>, trimmed (e.g. <c>"1"</c> for <c>THP_enabled</c>, <c>"1234 kB"</c> for <c>RssAnon</c>).</summary>
    /// <exception cref="InvalidOperationException">The kernel writes no such line.</exception>
    public static string Read(string name) =>
        File.ReadLines("/proc/self/status").Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    /// <summary>The value of a <c>kB</c> line (<c>RssAnon</c>, <c>VmRSS</c>), in KiB.</summary>
    public static long KiB(string name) => long.Parse(Read(name).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
