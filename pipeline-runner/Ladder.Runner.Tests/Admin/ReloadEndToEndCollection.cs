namespace Ladder.Runner.Tests.Admin;

/// <summary>Runs <see cref="ReloadEndToEndTests"/> with no other test class in parallel: it checks a real-time stream from a player's side.</summary>
[CollectionDefinition(nameof(ReloadEndToEndTests), DisableParallelization = true)]
public sealed class ReloadEndToEndCollection;
