using Ladder.ControllerRuntime.Finalizers;

namespace Ladder.ControllerRuntime.Tests.Finalizers;

public sealed class FinalizerExtensionsTests
{
    [Fact]
    public void AddFinalizer_Should_ReportChangeOnlyOnce_When_AddedTwice()
    {
        var w = Widget.Create("w");

        Assert.True(w.AddFinalizer("ladder.dev/cleanup"));
        Assert.False(w.AddFinalizer("ladder.dev/cleanup"));
        Assert.True(w.HasFinalizer("ladder.dev/cleanup"));
        Assert.Equal(["ladder.dev/cleanup"], w.Metadata.Finalizers!);
    }

    [Fact]
    public void RemoveFinalizer_Should_ReportChange_When_Present()
    {
        var w = Widget.Create("w");
        w.Metadata.Finalizers = ["other", "ladder.dev/cleanup"];

        Assert.True(w.RemoveFinalizer("ladder.dev/cleanup"));
        Assert.False(w.RemoveFinalizer("ladder.dev/cleanup"));
        Assert.False(w.HasFinalizer("ladder.dev/cleanup"));
        Assert.Equal(["other"], w.Metadata.Finalizers);
        Assert.False(Widget.Create("x").RemoveFinalizer("a"));
    }
}
