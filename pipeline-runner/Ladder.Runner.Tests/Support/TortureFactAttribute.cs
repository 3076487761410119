namespace Ladder.Runner.Tests.Support;

/// <summary>A test that runs only under <c>make torture</c> (<c>LADDER_TORTURE=1</c>); reported skipped otherwise.</summary>
public sealed class TortureFactAttribute : FactAttribute
{
    public const string Variable = "LADDER_TORTURE";

    public TortureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"{Variable} is not 1: the full bad-input corpus runs with `make torture` (about 7 minutes).";
        }
    }
}
