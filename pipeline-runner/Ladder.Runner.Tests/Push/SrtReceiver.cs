using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Push;

/// <summary>
/// <c>srt-live-transmit</c> (Debian's srt-tools) listening for SRT on a UDP port and writing what it receives
/// (MPEG-TS) to a file in a temp directory; a restart writes to a new file.
/// </summary>
internal sealed class SrtReceiver : IDisposable
{
    private ExternalProcess? _process;
    private int _files;
    private string _passphrase = "";

    private SrtReceiver(string dir, int port)
    {
        Directory = dir;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The file the current (or last) process writes.</summary>
    public string OutputFile => Path.Combine(Directory, $"received-{_files}.ts");

    public string Log => _process?.Output ?? "";

    /// <summary>Starts srt-live-transmit as an SRT listener requiring <paramref name="passphrase"/> (AES).</summary>
    public static SrtReceiver Start(string passphrase)
    {
        var receiver = new SrtReceiver(System.IO.Directory.CreateTempSubdirectory("ladder-srt-").FullName, FreePort.Udp()) { _passphrase = passphrase };
        receiver.Restart();
        return receiver;
    }

    /// <summary>Starts srt-live-transmit (again) on the same port, writing a new file.</summary>
    public void Restart()
    {
        _process?.Dispose();
        _files++;
        if (!File.Exists("/usr/bin/srt-live-transmit"))
        {
            throw new InvalidOperationException("srt-live-transmit is missing; run `bash hack/install-deps.sh` to install srt-tools");
        }
        _process = ExternalProcess.Start("bash", "-c", $"exec srt-live-transmit -q 'srt://:{Port}?mode=listener&passphrase={_passphrase}' file://con > '{OutputFile}'");
    }

    /// <summary>Kills srt-live-transmit.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
