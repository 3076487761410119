namespace Ladder.ControllerRuntime.Metrics;

/// <summary>What <see cref="ControllerRuntimeMetrics"/> polls from a live work queue for its observable gauges.</summary>
internal interface IWorkQueueProbe
{
    /// <summary>The queue's name, the <c>name</c> label.</summary>
    string Name { get; }

    /// <summary>Seconds of work in progress not yet observed by the work duration (sum over items), and the longest single one.</summary>
    (double UnfinishedSeconds, double LongestSeconds) MeasureProcessing();
}
