namespace Ladder.Pipeline.Push;

/// <summary>What <see cref="PushOutputs.Apply"/> changed, by target name.</summary>
/// <param name="Added">Targets started.</param>
/// <param name="Removed">Targets stopped.</param>
/// <param name="Restarted">Targets whose settings changed: stopped and started again.</param>
public sealed record PushApplyResult(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Restarted)
{
    /// <summary>True when nothing was started, stopped or restarted.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Restarted.Count == 0;
}
