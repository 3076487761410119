namespace Ladder.Pipeline.Tests.Support;

/// <summary>
/// Tests of process-wide memory state (<c>/proc/self/status</c>: transparent huge pages, anonymous RSS), which the
/// pipelines of tests running beside them would change: they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process memory";
}
