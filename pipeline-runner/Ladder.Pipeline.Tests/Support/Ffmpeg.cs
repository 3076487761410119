using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ladder.Pipeline.Tests.Support;

/// <summary>Runs the installed ffmpeg CLI: to cut media, or as a real peer pushing a stream into the pipeline.</summary>
internal sealed class Ffmpeg : IDisposable
{
    private const int KeptLines = 20;
    private bool _disposed;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private Ffmpeg(string arguments)
    {
        _process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, RedirectStandardInput = true })!;
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                _lastLines.Enqueue(text);
                while (_lastLines.Count > KeptLines && _lastLines.TryDequeue(out string? _))
                {
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>For a failure message: whether the peer still runs (or its exit code) and its last lines of standard error.</summary>
    public override string ToString() =>
        $"ffmpeg {(_disposed ? "stopped by the test" : _process.HasExited ? $"exited with {_process.ExitCode}" : "running")}: {string.Join(" | ", _lastLines)}";

    /// <summary>Starts ffmpeg in the background (a pusher); it is killed on dispose if still running.</summary>
    public static Ffmpeg Start(string arguments) => new(arguments);

    /// <summary>Runs ffmpeg to completion within 60 s.</summary>
    public static void Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"ffmpeg {arguments} did not finish");
        Assert.True(process.ExitCode == 0, $"ffmpeg {arguments} failed: {error.Result}");
    }

    /// <summary>Runs ffmpeg until it exits, killing it after <paramref name="timeout"/>; returns its exit code (-1 when killed) and standard error.</summary>
    public static (int ExitCode, string Error) RunToExit(string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, RedirectStandardInput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            process.WaitForExit();
            return (-1, error.Result);
        }

        return (process.ExitCode, error.Result);
    }

    /// <summary>A free loopback port (TCP or UDP).</summary>
    public static int FreePort(bool udp = false)
    {
        using var socket = udp ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Freezes the process (SIGSTOP): its connections stay open and silent, like a hung encoder; dispose still kills it.</summary>
    public void Suspend() => Signal("-STOP");

    /// <summary>Lets a suspended process go on (SIGCONT), like an encoder that was only held up.</summary>
    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the pusher if it still runs; safe to call twice (a test stops a pusher, its cleanup stops it again).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
