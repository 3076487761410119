using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// Mirrors published files into a directory from one background writer: each file is written to a temporary name
/// then renamed over the final one (readers never see a partial file), and files that left the window are deleted.
/// A slow disk never holds up the packager: operations queue within a bound and are dropped (and counted) beyond it.
/// </summary>
internal sealed class DiskMirror : IDisposable
{
    private readonly string _root;
    private readonly Channel<(string Path, ReadOnlyMemory<byte>? Content)> _operations;
    private readonly Task _writer;
    private readonly ILogger _logger;
    private long _dropped;
    private long _failed;

    /// <summary>Starts the writer.</summary>
    /// <param name="root">The directory; created if missing.</param>
    /// <param name="capacity">Operations queued before new ones are dropped.</param>
    /// <param name="logger">Where failed writes are reported.</param>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public DiskMirror(string root, int capacity, ILogger logger)
    {
        _root = Path.GetFullPath(root);
        _logger = logger;
        Directory.CreateDirectory(_root);
        _operations = Channel.CreateBounded<(string, ReadOnlyMemory<byte>?)>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(RunAsync);
    }

    /// <summary>Operations dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Operations that failed (disk full, permissions).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues writing <paramref name="content"/> to <paramref name="path"/> (relative to the root).</summary>
    public void Write(string path, ReadOnlyMemory<byte> content) => Enqueue(path, content);

    /// <summary>Queues deleting <paramref name="path"/> (relative to the root).</summary>
    public void Delete(string path) => Enqueue(path, null);

    /// <summary>Stops taking operations and waits (up to 10 s) for the queued ones to reach the disk.</summary>
    public void Dispose()
    {
        _operations.Writer.TryComplete();
        if (!_writer.Wait(TimeSpan.FromSeconds(10)))
        {
            _logger.LogWarning("The disk output {Root} did not finish writing within 10 s; some files may be missing.", _root);
        }
    }

    private void Enqueue(string path, ReadOnlyMemory<byte>? content)
    {
        if (!_operations.Writer.TryWrite((path, content)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var (path, content) in _operations.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var target = Path.Combine(_root, path);
            try
            {
                if (content is { } bytes)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    var temporary = target + ".tmp";
                    await File.WriteAllBytesAsync(temporary, bytes).ConfigureAwait(false);
                    File.Move(temporary, target, overwrite: true);
                }
                else
                {
                    File.Delete(target);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _failed);
                _logger.LogWarning(exception, "Disk output: {Operation} {Path} failed.", content is null ? "deleting" : "writing", target);
            }
        }
    }
}
