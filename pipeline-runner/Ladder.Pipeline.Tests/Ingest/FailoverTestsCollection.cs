namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>Runs <see cref="FailoverTests"/> with no other test class in parallel (their timing is real time).</summary>
[CollectionDefinition(nameof(FailoverTests), DisableParallelization = true)]
public sealed class FailoverTestsCollection;
