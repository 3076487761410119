using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ladder.Runner.Tests.Support;

/// <summary>A child process (runner, ffmpeg, ffprobe, node) whose output is kept for assertions and failure messages; killed on dispose.</summary>
internal sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private ExternalProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static ExternalProcess Start(string fileName, params string[] args) => Start(new Dictionary<string, string>(), fileName, args);

    /// <summary>Starts <paramref name="fileName"/> with extra environment variables.</summary>
    public static ExternalProcess Start(IReadOnlyDictionary<string, string> environment, string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info };
        var external = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) => external.Append(e.Data);
        process.ErrorDataReceived += (_, e) => external.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start {fileName}: {ex.Message}; run `bash hack/install-deps.sh` to install it", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return external;
    }

    /// <summary>Runs to the end (bounded) and returns stdout+stderr; throws with the output when the exit code is not 0.</summary>
    public static async Task<string> RunAsync(TimeSpan timeout, string fileName, params string[] args)
    {
        using var process = Start(fileName, args);
        await process.WaitForExitAsync(timeout);
        return process.ExitCode == 0 ? process.Output : throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited {process.ExitCode}:\n{process.Output}");
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = pattern.Match(Output);
            if (match.Success)
            {
                return match;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited {_process.ExitCode} before printing /{pattern}/:\n{Output}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} printed no /{pattern}/ within {timeout.TotalSeconds} s:\n{Output}");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds} s:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes and the demo script do.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
