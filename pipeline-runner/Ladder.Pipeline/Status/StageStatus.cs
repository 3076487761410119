using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Status;

/// <summary>One stage as <c>/v1/status</c> shows it.</summary>
/// <param name="Id">Stable id within the pipeline: <c>ingest</c> (the input switch), <c>ingest/&lt;input&gt;</c>, <c>decode/video</c>, <c>encode/&lt;rendition&gt;</c> (passthrough too), <c>audio</c>: the names of a reload plan.</param>
/// <param name="InstanceId">Unique per instance of the stage: changes when the stage is recreated.</param>
/// <param name="Kind">ingest, decode, encode, passthrough or audio.</param>
/// <param name="State">Starting, Running, Reconnecting, Failed or Stopped.</param>
/// <param name="Error">Why the stage failed or is reconnecting (e.g. <c>no packet for 1 s from input 'main' (spec.failover.inputTimeout).</c>); null otherwise.</param>
/// <param name="Detail">What the stage is doing, e.g. <c>waiting for a sender on rtmp://0.0.0.0:1935/live/****</c>; null when nothing to add.</param>
/// <param name="Counters">The stage's figures.</param>
public sealed record StageStatus(string Id, string InstanceId, string Kind, StageState State, string? Error, string? Detail, StageCountersStatus Counters);
