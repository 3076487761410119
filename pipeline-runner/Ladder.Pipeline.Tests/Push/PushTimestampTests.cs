using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Pipeline.Push;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Tests.Packaging;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Push;

public sealed class PushTimestampTests(EncodedMediaFixture media) : IClassFixture<EncodedMediaFixture>
{
    [Fact]
    public async Task Connection_Should_StartOnTheNextKeyframeWithAudioFromThenRebasedNearZero_When_ItJoinsMidGop()
    {
        using var reader = new TcpListener(IPAddress.Loopback, 0);
        reader.Start();
        var port = ((IPEndPoint)reader.LocalEndpoint).Port;
        using var file = new TempFile(".ts");
        var readTask = Task.Run(async () =>
        {
            using var client = await reader.AcceptTcpClientAsync();
            await using var output = File.Create(file.Path);
            await client.GetStream().CopyToAsync(output);
        });
        var target = new PipelinePushTarget("tcp", PushProtocol.Srt, "srt://unused", "high", ValueMap.Empty);
        using (var outputs = new PushOutputs("ns/s", [target], PushTargets.Fast, null, null, null,
            _ => new PushEndpoint($"tcp://127.0.0.1:{port}", "mpegts", new Dictionary<string, string>(), SecretMasker.None)))
        {
            outputs.AddTrack(media.High.Track);
            outputs.AddTrack(media.Audio.Track);
            PushTargets.WaitFor(() => outputs.GetStatus()[0].State == PushState.Live, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());

            // Join 2.5 s in: mid-GOP (IDRs every second), audio and video interleaved as the encoders would hand them.
            foreach (var packet in media.High.Packets.Concat(media.Audio.Packets)
                .Where(p => p.Packet.Dts * p.Track.TimeBase.ToDouble() >= 2.5)
                .OrderBy(p => p.Packet.Dts * p.Track.TimeBase.ToDouble()))
            {
                outputs.Write(packet);
            }
            PushTargets.WaitFor(() => outputs.GetStatus()[0].Packets > 50, TimeSpan.FromSeconds(10), () => outputs.GetStatus()[0].ToString());
            Thread.Sleep(500);
        }
        await readTask.WaitAsync(TimeSpan.FromSeconds(10));

        var video = Packets(file.Path, "v:0");
        var audio = Packets(file.Path, "a:0");
        Assert.True(video[0].Key, "the connection's first video packet is not a keyframe");
        Assert.True(video.Count >= 2 * 24, $"only {video.Count} video frames arrived");
        // MPEG-TS starts at its 1.4 s mux delay; without the rebase the first IDR (3 s in) would come at 4.4 s.
        Assert.InRange(video[0].Pts, 0, 1.9);
        Assert.InRange(audio[0].Pts - video[0].Pts, -0.001, 0.05);
    }

    private static List<(double Pts, bool Key)> Packets(string path, string stream)
    {
        var (code, output, error) = FFtools.Run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", path);
        Assert.True(code == 0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(','))
            .Select(f => (double.Parse(f[0], CultureInfo.InvariantCulture), f[1].Contains('K', StringComparison.Ordinal)))];
    }
}
