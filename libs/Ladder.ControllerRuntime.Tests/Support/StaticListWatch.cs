using k8s;
using Ladder.ControllerRuntime.Cache;

namespace Ladder.ControllerRuntime.Tests.Support;

/// <summary>A LIST that answers fixed widgets at resourceVersion 1 and a WATCH that stays open without events.</summary>
internal static class StaticListWatch
{
    public static ListWatch<Widget> Of(params Widget[] items) => new(
        ResourceKind.For<Widget>(),
        (_, _) => Task.FromResult(new ListPage<Widget>(items, "1", null)),
        (_, _, cancellationToken) => Hang(cancellationToken));

    public static async IAsyncEnumerable<(WatchEventType, Widget)> Hang([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
