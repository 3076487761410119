using Microsoft.Extensions.FileProviders;

namespace Ladder.Runner.Player;

/// <summary>
/// The player page at <c>/</c> and the players it loads from <c>/player/</c>: hls.js and dash.js, copied into the
/// build output from the npm tools (<c>hack/install-deps.sh</c>), so a pod serves its own player without a CDN.
/// </summary>
internal static class PlayerEndpoints
{
    /// <summary>The folder beside the executable holding <c>index.html</c>, <c>hls.min.js</c> and <c>dash.all.min.js</c>.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "player");

    /// <summary>Maps <c>GET /</c> and <c>GET /player/{file}</c>.</summary>
    /// <param name="app">The application.</param>
    public static void MapPlayer(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Directory);
        app.MapGet("/", () =>
        {
            var page = files.GetFileInfo("index.html");
            return page.Exists
                ? Results.File(page.PhysicalPath!, "text/html; charset=utf-8")
                : Results.Text($"The player page is missing from {Directory}; rebuild ladder-runner.\n", statusCode: StatusCodes.Status404NotFound);
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/player" });
    }
}
