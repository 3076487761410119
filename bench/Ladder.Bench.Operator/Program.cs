using Ladder.Bench.Operator;

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync("ladder-bench-operator: " + e.Message).ConfigureAwait(false);
    return 2;
}

Console.WriteLine($"ladder-bench-operator: {settings.Streams} LiveStreams against the in-process FakeApiServer ({Environment.ProcessorCount} cores)");
var figures = await OperatorBenchmark.RunAsync(settings, Console.Out).ConfigureAwait(false);
Console.WriteLine();
figures.Print(Console.Out);
return 0;
