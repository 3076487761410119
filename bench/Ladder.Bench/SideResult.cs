namespace Ladder.Bench;

/// <summary>One run of one side: its cost, its output read back, and the machine's load around it.</summary>
/// <param name="Side">ladder or ffmpeg.</param>
/// <param name="Run">The run number, from 1.</param>
/// <param name="Cost">Wall, CPU and peak RSS.</param>
/// <param name="Output">The HLS output.</param>
/// <param name="MediaSeconds">The input's duration.</param>
/// <param name="LoadBefore">The 1-minute load average before the run.</param>
/// <param name="LoadAfter">The 1-minute load average after the run.</param>
internal sealed record SideResult(string Side, int Run, Measurement Cost, HlsOutput Output, double MediaSeconds, double LoadBefore, double LoadAfter)
{
    /// <summary>Frames encoded (summed over the renditions) per wall-clock second.</summary>
    public double Fps => Output.Frames / Cost.WallSeconds;

    /// <summary>CPU seconds (user + system, all threads) per second of media.</summary>
    public double CpuPerMediaSecond => Cost.CpuSeconds / MediaSeconds;

    /// <summary>Media seconds per wall-clock second.</summary>
    public double Realtime => MediaSeconds / Cost.WallSeconds;

    /// <summary>Cores kept busy on average: CPU seconds over wall seconds.</summary>
    public double Cores => Cost.CpuSeconds / Cost.WallSeconds;
}
