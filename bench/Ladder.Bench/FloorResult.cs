namespace Ladder.Bench;

/// <summary>One run of the x264 floor (<see cref="X264Floor"/>): each rung encoded alone, and the audio alone.</summary>
/// <param name="Run">The run number, from 1.</param>
/// <param name="Rungs">Each rung's cost.</param>
/// <param name="Audio">The AAC encode's cost; not part of the floor.</param>
internal sealed record FloorResult(int Run, IReadOnlyList<(Rung Rung, Measurement Cost)> Rungs, Measurement Audio)
{
    /// <summary>The floor: CPU seconds (user + system) summed over the rungs.</summary>
    public double CpuSeconds => Rungs.Sum(r => r.Cost.CpuSeconds);

    /// <summary>True when every encode exited 0.</summary>
    public bool Succeeded => Audio.ExitCode == 0 && Rungs.All(r => r.Cost.ExitCode == 0);
}
