using System.Text.Json.Serialization;

namespace Ladder.Api.Runner;

/// <summary>
/// How the runner applied a new PipelineSpec: the 200 body of <c>PUT /v1/pipeline</c> and
/// <see cref="RunnerStatus.LastReload"/>. Stages are named <c>kind/name</c>: <c>ingest/backup</c>, <c>decode/video</c>,
/// <c>encode/720p</c>, <c>audio</c>, <c>package/hls</c>, <c>package/dash</c>, <c>push/twitch</c>, and <c>ingest</c>
/// for the input switch. Every stage of the old and the new pipeline is in exactly one list; the stages started,
/// stopped and restarted are exactly those whose instance id changed.
/// </summary>
public sealed record ReloadPlan
{
    /// <summary>The generation the runner executes after the reload.</summary>
    public required long PipelineGeneration { get; init; }

    /// <summary>The generation it executed before.</summary>
    public long PreviousGeneration { get; init; }

    /// <summary>When the new spec took effect (UTC, RFC 3339); null in a plan for a spec already running.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Stages that did not exist before and were started.</summary>
    public IReadOnlyList<string> Started { get; init; } = [];

    /// <summary>Stages that are gone from the new spec and were stopped.</summary>
    public IReadOnlyList<string> Stopped { get; init; } = [];

    /// <summary>Stages whose settings changed and were restarted (e.g. an encoder for a new bitrate).</summary>
    public IReadOnlyList<string> Restarted { get; init; } = [];

    /// <summary>
    /// Stages that took new settings in place and kept their instance (a packager's window or ladder, the input
    /// switch's priorities or failover timings).
    /// </summary>
    public IReadOnlyList<string> Updated { get; init; } = [];

    /// <summary>Stages that kept running untouched.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>True when nothing was started, stopped or restarted (not on the wire).</summary>
    [JsonIgnore]
    public bool IsEmpty => Started.Count == 0 && Stopped.Count == 0 && Restarted.Count == 0;

    /// <summary>One line for humans, e.g. <c>started push/twitch; restarted encode/720p; updated package/hls; kept 5 stages</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add(parts, "started", Started);
        Add(parts, "stopped", Stopped);
        Add(parts, "restarted", Restarted);
        Add(parts, "updated", Updated);
        parts.Add($"kept {Kept.Count} stage{(Kept.Count == 1 ? "" : "s")}");
        return string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string verb, IReadOnlyList<string> stages)
    {
        if (stages.Count > 0)
        {
            parts.Add(verb + " " + string.Join(", ", stages));
        }
    }
}
