using System.Net;
using System.Text;

namespace Ladder.Runner.Tests.Support;

/// <summary>
/// A real HTTP server (<see cref="HttpListener"/>) standing in for a broken HLS origin: <c>/live.m3u8</c> is a live
/// media playlist (no <c>EXT-X-ENDLIST</c>) of three 2 s segments that do not exist (404), or the playlist itself
/// answers <see cref="PlaylistStatus"/>.
/// </summary>
internal sealed class HlsOriginStub : IDisposable
{
    private const string Playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:100\n#EXTINF:2.0,\nseg100.ts\n#EXTINF:2.0,\nseg101.ts\n#EXTINF:2.0,\nseg102.ts\n";
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public HlsOriginStub(HttpStatusCode playlistStatus)
    {
        PlaylistStatus = playlistStatus;
        var port = FreePort.Tcp();
        Url = $"http://127.0.0.1:{port}/live.m3u8";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The playlist's URL.</summary>
    public string Url { get; }

    /// <summary>What <c>/live.m3u8</c> answers; <see cref="HttpStatusCode.OK"/> serves the playlist.</summary>
    public HttpStatusCode PlaylistStatus { get; }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            var playlist = context.Request.Url?.AbsolutePath == "/live.m3u8";
            response.StatusCode = (int)(playlist ? PlaylistStatus : HttpStatusCode.NotFound);
            if (playlist && PlaylistStatus == HttpStatusCode.OK)
            {
                var body = Encoding.UTF8.GetBytes(Playlist);
                response.ContentType = "application/vnd.apple.mpegurl";
                await response.OutputStream.WriteAsync(body);
            }
        }
    }
}
