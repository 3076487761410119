using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Reload;

namespace Ladder.Pipeline.Tests.Push;

/// <summary><c>PushOutputs.Apply</c> carries out the plan's push part; which targets changed is the diff's (<see cref="NamedChanges"/>), as in a reload.</summary>
public sealed class PushOutputsApplyTests
{
    [Fact]
    public void Apply_Should_AddRemoveAndRestartOnlyWhatThePlanSays_When_TargetsChange()
    {
        var a = PushTargets.Refused("a", "720p");
        var b = PushTargets.Refused("b", "720p");
        var c = PushTargets.Refused("c", "480p");
        using var outputs = new PushOutputs("ns/s", [a, b, c], PushTargets.Fast);
        var (oldA, oldB) = (outputs.Destination("a"), outputs.Destination("b"));

        var changedB = b with { Rendition = "480p" };
        var d = PushTargets.Refused("d", "720p");
        var result = outputs.Apply([a, changedB, d], Changed([a, b, c], [a, changedB, d]));

        Assert.Equal(["d"], result.Added);
        Assert.Equal(["c"], result.Removed);
        Assert.Equal(["b"], result.Restarted);
        Assert.Same(oldA, outputs.Destination("a"));
        Assert.NotSame(oldB, outputs.Destination("b"));
        Assert.Equal("480p", outputs.Destination("b")!.Target.Rendition);
        Assert.Null(outputs.Destination("c"));
        Assert.NotNull(outputs.Destination("d"));
        Assert.Equal(["a", "b", "d"], outputs.GetStatus().Select(s => s.Name));
    }

    [Fact]
    public void Apply_Should_KeepEveryInstance_When_TargetsAreEqualButNewObjects()
    {
        var a = PushTargets.Refused("a", "720p");
        var srt = new PipelinePushTarget("s", PushProtocol.Srt, "srt://127.0.0.1:9", "720p", new ValueMap([new("latency", "200000"), new("mode", "caller")])) { Passphrase = "0123456789ab" };
        using var outputs = new PushOutputs("ns/s", [a, srt], PushTargets.Fast);
        var before = new[] { outputs.Destination("a"), outputs.Destination("s") };

        var copies = new[]
        {
            a with { },
            new PipelinePushTarget("s", PushProtocol.Srt, "srt://127.0.0.1:9", "720p", new ValueMap([new("mode", "caller"), new("latency", "200000")])) { Passphrase = "0123456789ab" },
        };
        var result = outputs.Apply(copies, Changed([a, srt], copies));

        Assert.True(result.IsEmpty, $"phantom changes: {result}");
        Assert.Same(before[0], outputs.Destination("a"));
        Assert.Same(before[1], outputs.Destination("s"));
    }

    [Fact]
    public void Apply_Should_RestartTheTarget_When_OnlyTheStreamKeyChanges()
    {
        var a = PushTargets.Refused("a", "720p", key: "old-key");
        using var outputs = new PushOutputs("ns/s", [a], PushTargets.Fast);
        var before = outputs.Destination("a");

        PipelinePushTarget[] next = [a with { StreamKey = "new-key", Url = a.Url.Replace("old-key", "new-key", StringComparison.Ordinal) }];
        var result = outputs.Apply(next, Changed([a], next));

        Assert.Equal(["a"], result.Restarted);
        Assert.NotSame(before, outputs.Destination("a"));
    }

    [Fact]
    public void Apply_Should_StopEveryDestination_When_TargetsBecomeEmpty()
    {
        using var outputs = new PushOutputs("ns/s", [PushTargets.Refused("a", "720p"), PushTargets.Refused("b", "720p")], PushTargets.Fast);
        var a = outputs.Destination("a")!;

        var result = outputs.Apply([], new HashSet<string>());

        Assert.Equal(["a", "b"], result.Removed);
        Assert.Empty(outputs.GetStatus());
        Assert.Equal(PushState.Stopped, a.GetStatus().State);
    }

    [Fact]
    public void Apply_Should_Throw_When_TwoTargetsShareAName()
    {
        using var outputs = new PushOutputs("ns/s", [], PushTargets.Fast);

        Assert.Throws<ArgumentException>(() => outputs.Apply([PushTargets.Refused("a", "720p"), PushTargets.Refused("a", "480p")], new HashSet<string>()));
    }

    private static HashSet<string> Changed(IReadOnlyList<PipelinePushTarget> previous, IReadOnlyList<PipelinePushTarget> next) =>
        [.. NamedChanges.Compare(previous, next, t => t.Name).Changed];
}
