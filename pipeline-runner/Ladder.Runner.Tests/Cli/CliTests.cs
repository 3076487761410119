using Ladder.Api.Primitives;
using Ladder.Runner.Cli;
using Ladder.Runner.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Ladder.Runner.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-runner-cli-").FullName;

    public static TheoryData<string> Samples => [.. Directory.GetFiles(RepoPaths.Samples, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Validate_Should_Pass_When_Sample(string sample)
    {
        var (code, output, error) = await InvokeAsync("validate", "-f", Path.Combine(RepoPaths.Samples, sample));

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal($"{sample}: valid", output.Trim());
    }

    [Fact]
    public async Task Validate_Should_Exit2WithFieldPath_When_InputUrlInvalid()
    {
        var path = Write("bad.yaml", File.ReadAllText(RepoPaths.DemoManifest).Replace("rtmp://0.0.0.0:1935/live/demo", "ftp://example.com/live", StringComparison.Ordinal));

        var (code, _, error) = await InvokeAsync("validate", "-f", path);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Matches(@"^bad\.yaml:47:7: LiveStream default/demo: spec\.inputs\[0\]\.url: ", error);
    }

    [Fact]
    public async Task Validate_Should_Exit2_When_ProfileReferenceMissing()
    {
        var path = Write("orphan.yaml", File.ReadAllText(RepoPaths.DemoManifest).Replace("profileRef:\n    name: demo-small", "profileRef:\n    name: other", StringComparison.Ordinal));

        var (code, _, error) = await InvokeAsync("validate", "-f", path);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Matches(@"^orphan\.yaml:\d+:\d+: LiveStream default/demo: ", error);
        Assert.Contains("other", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Should_Exit2WithLine_When_UnknownField()
    {
        var path = Write("typo.yaml", File.ReadAllText(RepoPaths.DemoManifest).Replace("gopSeconds: 2", "gopSecond: 2", StringComparison.Ordinal));

        var (code, _, error) = await InvokeAsync("validate", "-f", path);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.StartsWith("typo.yaml:17:5: TranscodeProfile \"demo-small\": spec.video.gopSecond: unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_Exit2BeforeListening_When_ManifestInvalid()
    {
        var path = Write("bad.yaml", File.ReadAllText(RepoPaths.DemoManifest).Replace("bitrate: 800k", "bitrate: lots", StringComparison.Ordinal));

        var (code, _, error) = await InvokeAsync("run", "-f", path, "--http", "127.0.0.1:0");

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("bad.yaml", error, StringComparison.Ordinal);
        Assert.Contains("bitrate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_Exit2_When_SpecFileIsNotAPipelineSpec()
    {
        var path = Write("pipeline.json", """{"apiVersion":"ladder.dev/pipeline-v0"}""");

        var (code, _, error) = await InvokeAsync("run", "--spec", path, "--http", "127.0.0.1:0");

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("pipeline.json: PipelineSpec apiVersion \"ladder.dev/pipeline-v0\" is not supported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--http", "127.0.0.1:0")]
    [InlineData("run", "-f", "a.yaml", "--spec", "b.json")]
    public async Task Run_Should_RejectArguments_When_NotExactlyOneSource(params string[] args)
    {
        var (code, _, error) = await InvokeAsync(args);

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("give either --file <manifest.yaml> or --spec <pipeline.json>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_RejectHttpAddress_When_NotHostPort()
    {
        var (code, _, error) = await InvokeAsync("run", "-f", RepoPaths.DemoManifest, "--http", "8080");

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("--http \"8080\" is not host:port", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_Exit1_When_PipelineCannotStart()
    {
        var root = RunnerCli.Create(services => new FakePipelineRuntime(services.GetRequiredService<CollectorRegistry>(), new InvalidOperationException("no encoder")));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await root.Parse(["run", "-f", RepoPaths.DemoManifest, "--http", "127.0.0.1:0"]).InvokeAsync(RunnerCli.Invocation(output, error));

        Assert.Equal(ExitCodes.Failure, code);
    }

    [Fact]
    public async Task Run_Should_Exit2_When_SpecFileRoundTripsButIsInvalid()
    {
        var spec = InProcessRunner.DemoSpec;
        var path = Write("pipeline.json", (spec with { Failover = spec.Failover with { InputTimeout = Duration.FromMilliseconds(10) } }).ToJson());

        var (code, _, error) = await InvokeAsync("run", "--spec", path, "--http", "127.0.0.1:0");

        Assert.True(code == ExitCodes.Invalid, error);
        Assert.StartsWith("pipeline.json: PipelineSpec default/demo: failover.inputTimeout: ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var root = RunnerCli.Create(_ => throw new InvalidOperationException("these tests never reach the pipeline"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(RunnerCli.Invocation(output, error));
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
