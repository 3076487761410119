using System.Text.Json;
using System.Text.Json.Nodes;
using Ladder.Api.Runner;
using Ladder.Pipeline.Publishing;
using Ladder.Pipeline.Status;
using Ladder.Runner.Admin;
using Ladder.Runner.Pipeline;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ladder.Runner.Status;

/// <summary>
/// The body of <c>GET /v1/status</c>: the admin API contract's <see cref="Api.Runner.RunnerStatus"/> (what the operator
/// reads: <c>pipelineGeneration</c>, <c>phase</c>, <c>activeInput</c>, <c>inputs</c>, <c>renditions</c>,
/// <c>endpoints</c>, <c>recentFailovers</c>, <c>lastReload</c>, <c>lastError</c>) with the runner's own detail
/// (<see cref="RunnerStatus"/>: stream, readiness, per-stage counters with instance ids, packager, push targets)
/// as additional fields, which the contract's readers ignore (<see cref="RunnerJson"/>). Inputs and renditions are one
/// list each: the contract's fields and the runner's, joined by name; the contract's win where both have one.
/// </summary>
internal sealed class RunnerStatusJson(RunnerStatusBuilder builder, CurrentSpec current, RunnerLifecycle lifecycle, IPipelineRuntime runtime, IOptions<JsonOptions> json)
{
    /// <summary>How many switches <c>recentFailovers</c> lists (the contract's limit); <c>pipeline.switches</c> has the last 20.</summary>
    public const int RecentFailovers = 10;

    /// <summary>The contract's status now.</summary>
    public Api.Runner.RunnerStatus BuildContract() => ToContract(builder.Build(), runtime.GetPipelineStatus());

    /// <summary>The merged JSON document now, and the entity tag of its contract part (<see cref="RunnerStatusETag"/>).</summary>
    public (JsonObject Body, string ETag) Build()
    {
        var detail = builder.Build();
        var state = ToContract(detail, detail.Pipeline);
        var contract = JsonSerializer.SerializeToNode(state, RunnerJson.Options)!.AsObject();
        var extra = JsonSerializer.SerializeToNode(detail, json.Value.SerializerOptions)!.AsObject();
        foreach (var (name, value) in extra.ToList())
        {
            if (!contract.ContainsKey(name))
            {
                contract[name] = value?.DeepClone();
            }
            else if (contract[name] is JsonArray mine && value is JsonArray theirs)
            {
                Join(mine, theirs);
            }
        }

        return (contract, RunnerStatusETag.Compute(state));
    }

    private Api.Runner.RunnerStatus ToContract(RunnerStatus detail, PipelineStatus? pipeline)
    {
        var spec = current.Spec;
        var running = lifecycle.State is RunnerState.Running or RunnerState.Stopping;
        return new Api.Runner.RunnerStatus
        {
            PipelineGeneration = running ? spec.Generation : 0,
            Phase = current.Reloading ? RunnerPhase.Reloading : lifecycle.State switch
            {
                RunnerState.Starting => RunnerPhase.Starting,
                RunnerState.Running => RunnerPhase.Running,
                RunnerState.Failed => RunnerPhase.Failed,
                RunnerState.Stopping => RunnerPhase.Stopping,
                _ => RunnerPhase.Stopped,
            },
            ActiveInput = pipeline?.ActiveInput,
            Inputs = pipeline?.Inputs ?? [.. spec.Inputs.Select(i => SingleInput(i.Name, pipeline))],
            Renditions = [.. detail.Renditions.Select(r =>
            {
                var track = pipeline?.Tracks.FirstOrDefault(t => t.Name == r.Name);
                return new RunnerRenditionStatus
                {
                    Name = r.Name,
                    Width = track is { Width: > 0 } ? track.Width : r.Width,
                    Height = track is { Height: > 0 } ? track.Height : r.Height,
                    Bitrate = track is { Bitrate: > 0 } ? (long)track.Bitrate : r.Bitrate,
                    TargetBitrate = r.Bitrate,
                    Fps = track is { FrameRate: > 0 } ? track.FrameRate : null,
                    Published = r.Published,
                    Degraded = r.Degraded,
                };
            })],
            Endpoints = new RunnerEndpoints
            {
                Hls = spec.Outputs.Hls.Enabled ? "/" + OriginPaths.HlsMaster : null,
                Dash = spec.Outputs.Dash.Enabled ? "/" + OriginPaths.DashManifest : null,
            },
            RecentFailovers = [.. (pipeline?.Switches ?? []).Take(RecentFailovers).Select(s => s.ToContract())],
            LastReload = current.LastReload,
            LastError = lifecycle.LastError ?? pipeline?.Stages.FirstOrDefault(s => s.Error is not null)?.Error,
            StartedAt = lifecycle.StartedAt,
        };
    }

    private static RunnerInputStatus SingleInput(string name, PipelineStatus? pipeline)
    {
        var ingest = pipeline?.Stages.FirstOrDefault(s => s.Kind == "ingest");
        var active = pipeline?.ActiveInput == name;
        return new RunnerInputStatus { Name = name, Healthy = active, Active = active, Message = active ? null : ingest?.Error ?? ingest?.Detail };
    }

    /// <summary>Adds the fields of <paramref name="theirs"/>' elements to the element of <paramref name="mine"/> with the same <c>name</c>.</summary>
    private static void Join(JsonArray mine, JsonArray theirs)
    {
        foreach (var element in mine.OfType<JsonObject>())
        {
            var name = element["name"]?.GetValue<string>();
            if (theirs.OfType<JsonObject>().FirstOrDefault(t => t["name"]?.GetValue<string>() == name) is not { } match)
            {
                continue;
            }

            foreach (var (key, value) in match)
            {
                if (!element.ContainsKey(key))
                {
                    element[key] = value?.DeepClone();
                }
            }
        }
    }
}
