using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>One runner with an RTMP listen input and ffmpeg pushing the real clip in a loop, shared by a collection.</summary>
public sealed class RtmpRunnerFixture : IAsyncLifetime
{
    private RunnerProcess? _runner;

    internal RunnerProcess Runner => _runner!;

    internal string Url { get; } = $"rtmp://127.0.0.1:{FreePort.Tcp()}/live/e2e";

    internal ExternalProcess? Pusher { get; set; }

    public async Task InitializeAsync()
    {
        _runner = await RunnerProcess.StartAsync($"{{ name: main, url: \"{Url}\", mode: listen }}");
        Pusher = Support.Pusher.Rtmp(Url, seconds: null);
        await Runner.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Pusher?.Dispose();
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RtmpRunnerCollection : ICollectionFixture<RtmpRunnerFixture>
{
    public const string Name = "rtmp runner";
}
