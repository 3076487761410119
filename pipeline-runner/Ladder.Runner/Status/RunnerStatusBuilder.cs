using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Push;
using Ladder.Runner.Admin;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Status;

/// <summary>Assembles <see cref="RunnerStatus"/> from the spec, the runner's lifecycle and the pipeline.</summary>
internal sealed class RunnerStatusBuilder(CurrentSpec current, RunnerLifecycle lifecycle, IPipelineRuntime runtime)
{
    /// <summary>The status now.</summary>
    public RunnerStatus Build()
    {
        var spec = current.Spec;
        var redacted = spec.Redact();
        var push = runtime.GetPushStatus();
        var packager = runtime.GetPackagerStatus();
        var renditions = spec.Video.Renditions.Select(r => new RenditionStatus(
            r.Name,
            r.Passthrough,
            r.Width,
            r.Height,
            r.Bitrate,
            spec.Outputs.Hls.Enabled ? "/" + OriginPaths.HlsPlaylist(r.Name) : null,
            lifecycle.State == RunnerState.Running && PublishingReadiness.IsPublished(spec, runtime.Origin, r.Name),
            packager?.Tracks.Any(t => t.Id == r.Name && t.Degraded) == true)).ToList();
        return new RunnerStatus(
            lifecycle.LastError,
            spec.Stream.ToString(),
            renditions.All(r => r.Published),
            [.. redacted.Inputs.Select(i => new InputStatus(i.Name, WireEnum.ToWire(i.Protocol), WireEnum.ToWire(i.Mode), i.Url))],
            renditions,
            new OutputsStatus(
                [.. redacted.Outputs.Push.Select(p => WithConnection(new PushTargetStatus(p.Name, WireEnum.ToWire(p.Protocol), p.Rendition, p.Url), push))]),
            runtime.GetPipelineStatus(),
            packager);
    }

    private static PushTargetStatus WithConnection(PushTargetStatus target, IReadOnlyList<PushDestinationStatus> connections) =>
        connections.FirstOrDefault(c => c.Name == target.Name) is not { } c ? target : target with
        {
            State = c.State,
            LastError = c.LastError,
            NextAttemptAt = c.NextAttemptAt,
            UptimeSeconds = c.UptimeSeconds,
            Bytes = c.Bytes,
            Packets = c.Packets,
            DroppedPackets = c.DroppedPackets,
            Reconnects = c.Reconnects,
        };

}
