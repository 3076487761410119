using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Tests.Support;
using Ladder.TestSupport;
using Xunit.Abstractions;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>
/// Real peers: ffmpeg pushes a primary over SRT (320x180, 30 fps) and a backup over RTMP (256x144, 25 fps) into two
/// listening inputs; the primary pusher is killed and restarted. Measures the media time lost on each switch.
/// They run alone: a 250 ms input timeout is a real-time promise that parallel encodes on 2 cores would break.
/// </summary>
[Collection(nameof(FailoverTests))]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public async Task PrimaryThatStops_Should_FailOverToTheBackup_WithoutRestartingEncoders_And_FailBackWhenItReturns(double inputTimeout)
    {
        await using var inputs = new TwoPushedInputs(inputTimeout, failbackSeconds: 2);
        var run = inputs.Run;
        inputs.WaitUntilBothHealthy(packets: 30);
        var encoder = run.Stage("encode/90p").InstanceId;
        var audio = run.Stage("audio").InstanceId;

        inputs.Primary.Dispose();
        Assert.True(CollectingSink.WaitUntil(() => run.Pipeline.ActiveInput == "backup" && run.Pipeline.InputSwitches is [{ MediaGapSeconds: not null }, ..], Timeout), $"no failover: {Json(run)}; backup: {inputs.Backup}");
        var failover = run.Pipeline.InputSwitches[0];
        Assert.Equal(("primary", "backup"), (failover.From, failover.To));
        Assert.Contains(failover.Reason, new[] { FailoverReason.Timeout, FailoverReason.Error });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inputTimeout {inputTimeout} s: failover ({failover.Reason}) lost {failover.MediaGapSeconds * 1000:0} ms of media"));
        Assert.InRange(failover.MediaGapSeconds!.Value, 0, inputTimeout + 2.5);
        var afterFailover = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > afterFailover + 2, Timeout), "the output stopped after the failover");
        Assert.Equal(encoder, run.Stage("encode/90p").InstanceId);
        Assert.Equal(audio, run.Stage("audio").InstanceId);

        inputs.RestartPrimary();
        Assert.True(CollectingSink.WaitUntil(() => run.Pipeline.ActiveInput == "primary", Timeout), $"no failback: {Json(run)}; primary: {inputs.Primary}");
        var failback = run.Pipeline.InputSwitches[0];
        Assert.Equal(("backup", "primary"), (failback.From, failback.To));

        // With a 0.25 s timeout, a backup pusher starved of CPU on a loaded machine can go quiet that long before
        // the failback delay has passed: the switch to the healthy primary is then, rightly, a timeout failover.
        Assert.Contains(failback.Reason, inputTimeout < 1 ? new[] { FailoverReason.Failback, FailoverReason.Timeout } : new[] { FailoverReason.Failback });
        var afterFailback = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > afterFailback + 1, Timeout), "the output stopped after the failback");
        Assert.True(CollectingSink.WaitUntil(() => run.Pipeline.InputSwitches[0].MediaGapSeconds is not null, Timeout));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inputTimeout {inputTimeout} s: failback lost {run.Pipeline.InputSwitches[0].MediaGapSeconds * 1000:0} ms of media"));

        Assert.Equal(encoder, run.Stage("encode/90p").InstanceId);
        AssertMonotonic(run.Sink.Packets("90p"));
        AssertMonotonic(run.Sink.Packets("audio"));
        AssertContinuous(run.Sink.Packets("90p"), 2.0 / 30);
        AssertContinuous(run.Sink.Packets("audio"), 2 * 1024.0 / 48000);
        var scrape = await PrometheusSamples.ScrapeAsync(run.Metrics);
        Assert.Equal(2, scrape.Sum("ladder_pipeline_input_switches_total"));
        Assert.True(scrape.Value("ladder_pipeline_input_active_seconds_total", ("input", "backup")) > 0, "the backup input's active time is counted");
    }

    [Fact]
    public async Task ManualActivation_Should_SwitchAtOnce_And_HoldTheInputWhileItIsHealthy()
    {
        await using var inputs = new TwoPushedInputs(1, failbackSeconds: 1);
        var run = inputs.Run;
        inputs.WaitUntilBothHealthy();
        var encoder = run.Stage("encode/90p").InstanceId;

        Assert.True(run.Pipeline.ActivateInput("backup"));
        Assert.False(run.Pipeline.ActivateInput("nonexistent"));

        Assert.Equal("backup", run.Pipeline.ActiveInput);
        Assert.Equal(FailoverReason.Manual, run.Pipeline.InputSwitches[0].Reason);
        Thread.Sleep(2500); // longer than failbackDelay: a manual choice is not undone by failback
        Assert.Equal("backup", run.Pipeline.ActiveInput);
        var before = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > before + 1, Timeout), "the output stopped after the manual switch");
        Assert.Equal(encoder, run.Stage("encode/90p").InstanceId);
        Assert.Single(run.Pipeline.InputSwitches);
    }

    [Fact]
    public async Task BackupWithALongGop_Should_TakeOverAtItsCurrentFrame_NotAtItsNextKeyframe()
    {
        // The backup sends one keyframe, when it starts: a switch that waited for its next one would never come.
        await using var inputs = new TwoPushedInputs(0.5, failbackSeconds: 600, backupOptions: "-g 100000 -sc_threshold 0");
        var run = inputs.Run;
        inputs.WaitUntilBothHealthy(packets: 30);

        inputs.Primary.Dispose();
        Assert.True(CollectingSink.WaitUntil(() => run.Pipeline.ActiveInput == "backup" && run.Pipeline.InputSwitches is [{ MediaGapSeconds: not null }, ..], Timeout), $"no failover: {Json(run)}; backup: {inputs.Backup}");
        var failover = run.Pipeline.InputSwitches[0];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inputTimeout 0.5 s, backup GOP unbounded: failover lost {failover.MediaGapSeconds * 1000:0} ms of media"));
        Assert.InRange(failover.MediaGapSeconds!.Value, 0, 0.5 + 0.5);

        var afterFailover = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > afterFailover + 2, Timeout), "the output stopped after the failover");
        Assert.DoesNotContain("skipped", run.Stage("decode/video").Detail ?? "", StringComparison.Ordinal);
        AssertMonotonic(run.Sink.Packets("90p"));
        AssertContinuous(run.Sink.Packets("90p"), 2.0 / 30);
        AssertContinuous(run.Sink.Packets("audio"), 2 * 1024.0 / 48000);
    }

    [Fact]
    public async Task BackupThatPausesLongerThanTheTimeout_Should_KeepItsConnection_And_BeHealthyAgain()
    {
        await using var inputs = new TwoPushedInputs(0.5, failbackSeconds: 600);
        var (run, backup) = (inputs.Run, inputs.Backup);
        inputs.WaitUntilBothHealthy();

        // Held up for 2 s (a starved CPU, a congested link): unhealthy after 0.5 s, but its connection is kept.
        backup.Suspend();
        Assert.True(CollectingSink.WaitUntil(() => !Inputs(run).Single(i => i.Name == "backup").Healthy, Timeout), $"the silent backup stayed healthy: {Json(run)}");
        Assert.Equal("no video from input 'backup' for 0.5 s (spec.failover.inputTimeout).", Inputs(run).Single(i => i.Name == "backup").Message);
        Thread.Sleep(1500);
        backup.Resume();

        Assert.True(CollectingSink.WaitUntil(() => Inputs(run).Single(i => i.Name == "backup").Healthy, Timeout), $"the backup never became healthy again: {Json(run)}; backup: {backup}");
        Assert.False(backup.HasExited, $"the backup's publisher was cut off: {backup}");
        inputs.Primary.Dispose();
        Assert.True(CollectingSink.WaitUntil(() => run.Pipeline.ActiveInput == "backup", Timeout), $"no failover to the backup: {Json(run)}; backup: {backup}");
    }

    [Fact]
    public async Task PrimaryWhoseVideoDoesNotDecode_Should_FailOverWithReasonError_And_NotFailBackWhileItStaysBroken()
    {
        // H.264 without its parameter sets (SPS/PPS): packets keep coming, no picture ever decodes.
        await using var inputs = new TwoPushedInputs(1, failbackSeconds: 1, primaryOptions: "-bsf:v filter_units=remove_types=7|8");
        var run = inputs.Run;

        Assert.True(
            CollectingSink.WaitUntil(() => run.Pipeline.InputSwitches.Any(s => s.From == "primary" && s.Reason == FailoverReason.Error), Timeout),
            $"no failover away from the undecodable primary: {Json(run)}");
        var failover = run.Pipeline.InputSwitches.First(s => s.From == "primary");
        Assert.Contains("decodes to no picture", failover.Message, StringComparison.Ordinal);
        Thread.Sleep(3000); // three failback delays: the broken primary is not taken back
        Assert.True(run.Pipeline.ActiveInput == "backup" && run.Pipeline.InputSwitches[0].Time == failover.Time, $"the broken primary was taken back: {Json(run)}");
        var primaryStatus = Inputs(run).Single(i => i.Name == "primary");
        Assert.False(primaryStatus.Healthy);
        var before = run.Sink.LatestPts("90p");
        Assert.True(CollectingSink.WaitUntil(() => run.Sink.LatestPts("90p") > before + 1, Timeout), "the output stopped");
    }

    private static PipelineSpec TwoInputs(int srtPort, string rtmpUrl, double inputTimeout, double failbackSeconds)
    {
        var spec = Specs.Create(
            Specs.Input($"srt://127.0.0.1:{srtPort}", InputProtocol.Srt, InputMode.Listen, ("mode", "listener")) with { Name = "primary" },
            [Specs.Rendition("90p", 160, 90, fps: 30)],
            inputTimeoutSeconds: inputTimeout);
        return spec with
        {
            Inputs = ValueList.Of(
                spec.Inputs[0],
                Specs.Input(rtmpUrl, InputProtocol.Rtmp, InputMode.Listen, ("listen", "1")) with { Name = "backup", StreamKey = "backup-key" }),
            Failover = spec.Failover with { FailbackDelay = Duration.FromSeconds(failbackSeconds) },
        };
    }

    /// <summary>A real-time synthetic source: test pattern and a tone, H.264 with a 1 s GOP, AAC; <paramref name="options"/> may override any of it.</summary>
    private static string Source(int width, int height, int fps, int tone, string options) =>
        $"-v error -re -f lavfi -i testsrc2=size={width}x{height}:rate={fps} -f lavfi -i sine=frequency={tone}:sample_rate=48000 "
        + $"-c:v libx264 -preset ultrafast -tune zerolatency -g {fps} -pix_fmt yuv420p -c:a aac -b:a 64k -ac 2 {options}";

    /// <summary>
    /// A pipeline on the two listening inputs of <see cref="TwoInputs"/>, each fed by a real-time ffmpeg pusher: the
    /// primary over SRT (320x180 at 30 fps, 880 Hz), the backup over RTMP (256x144 at 25 fps, 440 Hz).
    /// </summary>
    private sealed class TwoPushedInputs : IAsyncDisposable
    {
        private readonly int _srtPort = Ffmpeg.FreePort(udp: true);
        private readonly string _primaryOptions;

        /// <param name="inputTimeout">spec.failover.inputTimeout, seconds.</param>
        /// <param name="failbackSeconds">spec.failover.failbackDelay, seconds.</param>
        /// <param name="backupOptions">ffmpeg options for the backup's encoder (its GOP, say).</param>
        /// <param name="primaryOptions">ffmpeg options for the primary's encoder (a bitstream filter, say).</param>
        public TwoPushedInputs(double inputTimeout, double failbackSeconds, string backupOptions = "", string primaryOptions = "")
        {
            var rtmpUrl = $"rtmp://127.0.0.1:{Ffmpeg.FreePort()}/live/backup-key";
            _primaryOptions = primaryOptions;
            Run = PipelineRun.Start(TwoInputs(_srtPort, rtmpUrl, inputTimeout, failbackSeconds));
            Backup = Ffmpeg.Start(Source(256, 144, 25, 440, backupOptions) + $" -f flv {rtmpUrl}");
            Primary = StartPrimary();
        }

        /// <summary>The pipeline, with the ladder's one 90p rendition.</summary>
        public PipelineRun Run { get; }

        /// <summary>The backup's pusher (RTMP).</summary>
        public Ffmpeg Backup { get; }

        /// <summary>The primary's pusher (SRT); <see cref="RestartPrimary"/> replaces it.</summary>
        public Ffmpeg Primary { get; private set; }

        /// <summary>Starts the primary's pusher again (the test stopped it).</summary>
        public void RestartPrimary()
        {
            Primary.Dispose();
            Primary = StartPrimary();
        }

        /// <summary>Waits until both inputs are healthy with the primary active and the 90p track has more than <paramref name="packets"/> packets.</summary>
        public void WaitUntilBothHealthy(int packets = 0) => Assert.True(
            CollectingSink.WaitUntil(() => Run.Pipeline.ActiveInput == "primary" && Inputs(Run).All(i => i.Healthy) && Run.Sink.Packets("90p").Count > packets, Timeout),
            $"both inputs never became healthy with the primary active: {Json(Run)}; backup: {Backup}; primary: {Primary}");

        /// <summary>Stops both pushers, then the pipeline.</summary>
        public async ValueTask DisposeAsync()
        {
            Primary.Dispose();
            Backup.Dispose();
            await Run.DisposeAsync();
        }

        private Ffmpeg StartPrimary() => Ffmpeg.Start(Source(320, 180, 30, 880, _primaryOptions) + $" -f mpegts srt://127.0.0.1:{_srtPort}?mode=caller");
    }

    private static IReadOnlyList<Ladder.Api.Runner.RunnerInputStatus> Inputs(PipelineRun run) => run.Pipeline.GetStatus().Inputs ?? [];

    private static string Json(PipelineRun run) => System.Text.Json.JsonSerializer.Serialize(run.Pipeline.GetStatus());

    /// <summary>No hole in the track across the switches: consecutive packets (by PTS) are at most <paramref name="maxStep"/> seconds apart.</summary>
    private static void AssertContinuous(IReadOnlyList<PacketRecord> packets, double maxStep)
    {
        var pts = packets.Select(p => p.Pts).Order().ToList();
        for (var i = 1; i < pts.Count; i++)
        {
            Assert.True(pts[i] - pts[i - 1] <= maxStep + 0.001, $"a hole of {pts[i] - pts[i - 1]:0.###} s at {pts[i - 1]:0.###} s");
        }
    }

    private static void AssertMonotonic(IReadOnlyList<PacketRecord> packets)
    {
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.True(packets[i].Dts > packets[i - 1].Dts, $"DTS went back at packet {i}: {packets[i - 1].Dts} -> {packets[i].Dts}");
        }
    }
}
