using System.Net;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Player;

public sealed class PlayerEndpointsTests
{
    [Fact]
    public async Task Root_Should_ServePlayerPage_LoadingPlayersFromTheRunner()
    {
        await using var runner = await InProcessRunner.StartAsync();

        using var response = await runner.Http.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"/player/hls.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/player/dash.all.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/player/hls.min.js", "hls.js/dist/hls.min.js")]
    [InlineData("/player/dash.all.min.js", "dashjs/dist/modern/umd/dash.all.min.js")]
    public async Task Player_Should_ServeScriptCopiedFromNpmTools(string url, string npmFile)
    {
        var source = Path.Combine(RepoPaths.NodeModules, npmFile);
        Assert.True(File.Exists(source), $"{source} is missing: run `bash hack/install-deps.sh` (it installs hls.js and dashjs into .tools/) and rebuild");
        await using var runner = await InProcessRunner.StartAsync();

        using var response = await runner.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(source), await response.Content.ReadAsByteArrayAsync());
    }
}
