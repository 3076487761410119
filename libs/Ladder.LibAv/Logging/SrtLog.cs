using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Ladder.LibAv.Native;
using Microsoft.Extensions.Logging;

namespace Ladder.LibAv;

/// <summary>
/// Routes libsrt's own log to an <see cref="ILogger"/> (srt.h <c>srt_setloghandler</c>, <c>srt_setloglevel</c>):
/// FFmpeg's srt protocol does not pass libsrt's messages through <c>av_log</c>, so without this they go straight to
/// stderr, past the runner's logger and its secret masking. libsrt is the one libavformat loaded (Debian's
/// <c>libsrt-gnutls.so.1.5</c>, or the OpenSSL build). It also raises <see cref="CallerRejected"/> when a listener
/// refuses a caller's handshake (<c>processConnectRequest: rsp(REJECT): 1010 - Incorrect passphrase</c>): the only
/// trace a listener opened through libavformat gives of a sender with a wrong passphrase. libsrt's messages name the
/// SRT socket, not the port, so a process with several SRT listeners cannot tell which one refused.
/// </summary>
public static unsafe partial class SrtLog
{
    private const int LogWarning = 4; // syslog LOG_WARNING: libsrt's handshake rejections are warnings
    private static readonly string[] SoNames = ["libsrt-gnutls.so.1.5", "libsrt-openssl.so.1.5", "libsrt.so.1.5"];
    private static volatile ILogger? s_logger;
    private static volatile Func<string, string>? s_redact;

    /// <summary>
    /// A listener refused a caller: the SRT reject code (1000 + <c>SRT_REJECT_REASON</c>, e.g. 1010 <c>SRT_REJ_BADSECRET</c>
    /// "Incorrect passphrase", 1011 <c>SRT_REJ_UNSECURE</c> "Password required or unexpected") and libsrt's text. Raised on
    /// libsrt's receive thread; handlers must be quick and must not throw.
    /// </summary>
    public static event Action<int, string>? CallerRejected;

    /// <summary>Sends libsrt's warnings and errors to <paramref name="logger"/>, each passed through <paramref name="redact"/>.</summary>
    /// <param name="logger">The logger; called from libsrt's threads.</param>
    /// <param name="redact">Rewrites each message (masks secrets); must not throw; null logs messages as libsrt wrote them.</param>
    /// <returns>False when no libsrt is loaded (FFmpeg built without SRT): nothing to route.</returns>
    public static bool Attach(ILogger logger, Func<string, string>? redact = null)
    {
        if (!TryGetExports(out var setHandler, out var setLevel))
        {
            return false;
        }

        s_redact = redact;
        s_logger = logger;
        setLevel(LogWarning);
        setHandler(null, &OnLog);
        return true;
    }

    /// <summary>Restores libsrt's default logging to stderr.</summary>
    public static void Detach()
    {
        if (TryGetExports(out var setHandler, out _))
        {
            setHandler(null, null);
        }

        s_logger = null;
        s_redact = null;
    }

    private static bool TryGetExports(
        out delegate* unmanaged<void*, delegate* unmanaged<void*, int, byte*, int, byte*, byte*, void>, void> setHandler,
        out delegate* unmanaged<int, void> setLevel)
    {
        LibAvLoader.Describe(); // libavformat, and with it libsrt, is loaded
        foreach (var soName in SoNames)
        {
            if (NativeLibrary.TryLoad(soName, out var library)
                && NativeLibrary.TryGetExport(library, "srt_setloghandler", out var handler)
                && NativeLibrary.TryGetExport(library, "srt_setloglevel", out var level))
            {
                setHandler = (delegate* unmanaged<void*, delegate* unmanaged<void*, int, byte*, int, byte*, byte*, void>, void>)handler;
                setLevel = (delegate* unmanaged<int, void>)level;
                return true;
            }
        }

        setHandler = null;
        setLevel = null;
        return false;
    }

    // void (*SRT_LOG_HANDLER_FN)(void* opaque, int level, const char* file, int line, const char* area, const char* message)
    [UnmanagedCallersOnly]
    private static void OnLog(void* opaque, int level, byte* file, int line, byte* area, byte* message)
    {
        try
        {
            var text = (NativeText.Read(message) ?? string.Empty).Trim();
            if (Reject().Match(text) is { Success: true } reject)
            {
                CallerRejected?.Invoke(int.Parse(reject.Groups[1].Value, CultureInfo.InvariantCulture), reject.Groups[2].Value.Trim());
            }

            var logger = s_logger;
            var logLevel = level <= LogWarning ? LogLevel.Warning : level == 5 ? LogLevel.Information : LogLevel.Debug;
            if (logger is not null && text.Length > 0 && logger.IsEnabled(logLevel))
            {
                logger.Log(logLevel, "{SrtMessage}", s_redact is { } redact ? redact(text) : text);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A handler or logger failure must not unwind into libsrt; the message is lost.
        }
    }

    [GeneratedRegex(@"rsp\(REJECT\): (\d+) - ([^\r\n]+)")]
    private static partial Regex Reject();
}
