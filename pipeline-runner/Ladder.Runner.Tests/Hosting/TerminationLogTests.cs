using Ladder.Runner.Cli;
using Ladder.Runner.Hosting;
using Ladder.Runner.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Ladder.Runner.Tests.Hosting;

/// <summary>
/// A runner that stops on a fatal error leaves the reason in its termination message file, where the kubelet finds it
/// (and the operator shows it on the LiveStream); these tests point <see cref="TerminationLog.PathVariable"/> at a file.
/// </summary>
[Collection(TerminationLogCollection.Name)]
public sealed class TerminationLogTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public TerminationLogTests() => Environment.SetEnvironmentVariable(TerminationLog.PathVariable, _path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(TerminationLog.PathVariable, null);
        File.Delete(_path);
    }

    [Fact]
    public async Task Run_Should_WriteTheFailureToTheTerminationLog_When_ThePipelineCannotStart()
    {
        var root = RunnerCli.Create(services => new FakePipelineRuntime(services.GetRequiredService<CollectorRegistry>(),
            new InvalidOperationException("input main: cannot open /media/missing.mp4: No such file or directory")));
        using var error = new StringWriter();

        var code = await root.Parse(["run", "-f", RepoPaths.DemoManifest, "--http", "127.0.0.1:0"]).InvokeAsync(RunnerCli.Invocation(TextWriter.Null, error));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("the pipeline failed: input main: cannot open /media/missing.mp4: No such file or directory", await File.ReadAllTextAsync(_path));
    }

    [Fact]
    public void Write_Should_KeepWithinTheKubeletsLimit_When_TheMessageIsLong()
    {
        TerminationLog.Write(new string('é', 5000));

        var written = File.ReadAllBytes(_path);
        Assert.InRange(written.Length, TerminationLog.MaxBytes - 8, TerminationLog.MaxBytes);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(written));
    }
}

/// <summary>The tests that set the process-wide termination log variable run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminationLogCollection
{
    public const string Name = "termination log";
}
