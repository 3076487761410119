namespace Ladder.Runner.Status;

/// <summary>The outputs beyond the origin's playlists (those are the contract's <c>endpoints</c>).</summary>
/// <param name="Push">Push targets.</param>
internal sealed record OutputsStatus(IReadOnlyList<PushTargetStatus> Push);
