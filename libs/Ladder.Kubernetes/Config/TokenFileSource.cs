namespace Ladder.Kubernetes;

/// <summary>
/// Reads a bearer token from a file and re-reads it when the file's write time changes or the cached copy is a
/// minute old (client-go <c>transport.cachingTokenSource</c>), so a kubelet-rotated service-account token is used.
/// </summary>
internal sealed class TokenFileSource(string path, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private string? _token;
    private DateTime _writeTime;
    private DateTimeOffset _readAt;

    public string GetToken()
    {
        lock (_gate)
        {
            var writeTime = File.GetLastWriteTimeUtc(path);
            if (_token is null || writeTime != _writeTime || time.GetUtcNow() - _readAt >= MaxAge)
            {
                string text;
                try
                {
                    text = File.ReadAllText(path).Trim();
                }
                catch (IOException e) when (_token is not null)
                {
                    _ = e; // keep the last good token while the kubelet swaps the file
                    return _token;
                }

                if (text.Length == 0)
                {
                    throw new KubeConfigException($"The token file '{path}' is empty: mount a service-account token there or fix the kubeconfig user's tokenFile.");
                }

                _token = text;
                _writeTime = writeTime;
                _readAt = time.GetUtcNow();
            }

            return _token;
        }
    }
}
