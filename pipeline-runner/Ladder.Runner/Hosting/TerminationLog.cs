using System.Text;

namespace Ladder.Runner.Hosting;

/// <summary>
/// Writes why the runner stopped on a fatal error to the container's termination message file, which the kubelet
/// copies into the pod's <c>lastState.terminated.message</c> (Kubernetes "Determine the Reason for Pod Failure"); the
/// operator shows it on the LiveStream's conditions. The path is <c>/dev/termination-log</c> (the pod default) or
/// <see cref="PathVariable"/>. Nothing is written where the file does not exist (outside a pod), and at most
/// <see cref="MaxBytes"/> bytes, the kubelet's limit per container.
/// </summary>
internal static class TerminationLog
{
    /// <summary>Environment variable overriding the path (<c>terminationMessagePath</c> when the pod sets another).</summary>
    public const string PathVariable = "LADDER_TERMINATION_LOG";

    /// <summary>The kubelet keeps at most 4096 bytes of a termination message.</summary>
    public const int MaxBytes = 4096;

    private const string DefaultPath = "/dev/termination-log";

    /// <summary>Writes <paramref name="message"/> (UTF-8, cut at <see cref="MaxBytes"/> on a character boundary); never throws.</summary>
    public static void Write(string message)
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(path))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var length = Math.Min(bytes.Length, MaxBytes);
        while (length < bytes.Length && length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--; // never cut inside a UTF-8 sequence: back up to the start of the character
        }

        try
        {
            File.WriteAllBytes(path, bytes.AsSpan(0, length).ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The message is a courtesy to the operator; the exit code and the log still say what happened.
        }
    }
}
