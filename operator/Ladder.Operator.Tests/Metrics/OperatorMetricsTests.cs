using System.Diagnostics.Metrics;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Ladder.Operator.Tests.Metrics;

public sealed class OperatorMetricsTests
{
    private static LiveStream Stream(string name, LiveStreamPhase? phase) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "media" },
        Status = phase is null ? null : new LiveStreamStatus { Phase = phase },
    };

    [Fact]
    public void Instruments_Should_ReportStreamsByPhaseReloadsAndFailovers_When_ReadThroughAMeterListener()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new OperatorMetrics(factory);
        metrics.ObserveStreams(() => [Stream("a", LiveStreamPhase.Live), Stream("b", LiveStreamPhase.Live), Stream("c", null)]);
        var seen = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OperatorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        metrics.Reloads.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        metrics.RunnerErrors.Add(1);
        metrics.Failovers.Add(1, new KeyValuePair<string, object?>("stream", "media/a"), new KeyValuePair<string, object?>("reason", "timeout"));
        listener.RecordObservableInstruments();

        long Phase(string phase) => seen.Single(m => m.Instrument == "ladder_operator_streams" && (string?)m.Tags["phase"] == phase).Value;
        Assert.Equal((2L, 1L, 0L), (Phase("Live"), Phase("Unknown"), Phase("Failed")));
        Assert.Equal(Enum.GetNames<LiveStreamPhase>().Length + 1, seen.Count(m => m.Instrument == "ladder_operator_streams"));
        Assert.Equal("ok", seen.Single(m => m.Instrument == "ladder_operator_pipeline_reloads_total").Tags["result"]);
        Assert.Single(seen, m => m.Instrument == "ladder_operator_runner_errors_total");
        Assert.Equal("media/a", seen.Single(m => m.Instrument == "ladder_operator_failovers_total").Tags["stream"]);
    }
}
