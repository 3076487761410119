using System.Security.Cryptography;
using System.Text;
using Ladder.Runner.Hosting;

namespace Ladder.Runner.Admin;

/// <summary>
/// Reloads the pipeline when the spec file the runner started from (<c>--spec</c>, in a pod the mounted Secret
/// <c>/etc/ladder/pipeline.json</c>) changes on disk: a file system watcher on its directory (Kubernetes swaps a
/// Secret volume's <c>..data</c> symlink, so every change there counts) and, as a fallback, a poll every
/// <see cref="PollInterval"/>, both debounced by <see cref="Debounce"/> so a burst of writes is read once, after it ends.
/// The content is compared by hash, so a touch without a change reloads nothing; the new spec goes through the same
/// <see cref="PipelineReloader"/> as <c>PUT /v1/pipeline</c> (an invalid file is logged and the pipeline left running).
/// </summary>
internal sealed partial class SpecFileWatcher(RunnerSettings settings, PipelineReloader reloader, ILogger<SpecFileWatcher> logger) : BackgroundService
{
    /// <summary>Quiet time after the last change before the file is read (1 s).</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);

    /// <summary>How often the file is checked when no change event arrives (5 s).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SpecFile is not { } path)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var lastHash = Hash(TryRead(path));
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler onChange = (_, _) => changed.Release();
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;
        LogWatching(logger, path);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
                // Debounce: wait until no event came for a whole Debounce period.
                while (await changed.WaitAsync(Debounce, stoppingToken).ConfigureAwait(false))
                {
                }

                var text = TryRead(path);
                var hash = Hash(text);
                if (text is null || hash == lastHash)
                {
                    continue;
                }

                lastHash = hash;
                var outcome = await reloader.ApplyJsonAsync(text, stoppingToken).ConfigureAwait(false);
                if (outcome.Plan is { } plan)
                {
                    var described = plan.Describe();
                    LogReloaded(logger, path, plan.PipelineGeneration, described);
                }
                else
                {
                    LogRefused(logger, path, outcome.Code, outcome.Error?.Message ?? "");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // mid-swap; the next event or poll reads it
        }
    }

    private static string Hash(string? text) => text is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path} for spec changes")]
    private static partial void LogWatching(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} changed: now at generation {Generation}: {Plan}")]
    private static partial void LogReloaded(ILogger logger, string path, long generation, string plan);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} changed but was not applied ({Code}): {Message}")]
    private static partial void LogRefused(ILogger logger, string path, int code, string message);
}
