namespace Ladder.E2E;

/// <summary>A fact that runs only against a real cluster: skipped, saying why, when LADDER_E2E_KUBECONFIG is unset.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public const string Variable = "LADDER_E2E_KUBECONFIG";

    public ClusterFactAttribute() => Skip = SkipReason();

    /// <summary>Why a cluster test is skipped, or null when <see cref="Variable"/> is set.</summary>
    internal static string? SkipReason() => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))
        ? $"{Variable} is not set: point it to a kubeconfig of a disposable cluster to run the contract suite."
        : null;
}
