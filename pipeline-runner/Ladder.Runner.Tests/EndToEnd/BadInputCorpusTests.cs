using Ladder.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Ladder.Runner.Tests.EndToEnd;

/// <summary>
/// The bad-input corpus (<see cref="BadInputCorpus"/>) against fresh runners: every case publishes or names its
/// problem in <c>/v1/status</c>, with no crash, no hang on SIGTERM and bounded memory. CI runs
/// <see cref="BadInputCorpus.Fast"/>; <c>make torture</c> runs them all and prints the table.
/// </summary>
public sealed class BadInputCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly BadMedia _media = new();

    public static TheoryData<string> Fast => [.. BadInputCorpus.Fast];

    public void Dispose() => _media.Dispose();

    [Fact]
    public void Corpus_Should_HoldAtLeast80Cases() => Assert.True(BadInputCorpus.Cases.Count >= 80, $"{BadInputCorpus.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Fast))]
    public async Task Runner_Should_PublishOrNameTheProblem_When_InputIsBad(string name)
    {
        var outcome = await CorpusOutcome.RunAsync(_media, name);

        output.WriteLine(outcome.ToString());
        Assert.True(outcome.Handled, $"{outcome}\n{outcome.Log}");
    }

    [TortureFact]
    public async Task Runner_Should_PublishOrNameTheProblem_When_FullCorpus()
    {
        var outcomes = new List<CorpusOutcome>();
        var only = Environment.GetEnvironmentVariable("LADDER_TORTURE_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in BadInputCorpus.Cases.Keys.Where(n => only is null || only.Contains(n)))
        {
            outcomes.Add(await CorpusOutcome.RunAsync(_media, name));
        }

        var table = string.Join('\n', ["| case | outcome | s | exit s | peak MiB | message |", "|---|---|---|---|---|---|", .. outcomes.Select(o => o.ToString())]);
        output.WriteLine(table);
        foreach (var failed in outcomes.Where(o => !o.Handled))
        {
            output.WriteLine($"--- {failed.Case}: runner log ---\n{failed.Log}");
        }
        if (Environment.GetEnvironmentVariable("LADDER_TORTURE_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, table + "\n");
        }
        Assert.All(outcomes, o => Assert.True(o.Handled, o.ToString()));
    }
}
