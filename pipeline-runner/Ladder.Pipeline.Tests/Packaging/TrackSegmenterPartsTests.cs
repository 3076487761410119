using Ladder.LibAv;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>
/// The segmenter's Low-Latency HLS parts (RFC 8216bis section 4.4.4.9), table-driven: 25 fps video in 1/90000 ticks
/// and 1024-sample AAC at 48 kHz on 2 s segments numbered from 100. Parts read <c>"sequence.index frames[ independent]"</c>.
/// </summary>
public sealed class TrackSegmenterPartsTests
{
    private static readonly TrackTiming Video = new(1, new Rational(1, 90_000), 3_600, 20_000);
    private static readonly TrackTiming Audio = new(1, new Rational(1, 48_000), 1_024, 10_666);

    public static TheoryData<string, double, bool, string[]> Cases() => new()
    {
        {
            "0.5 s parts of 25 fps video: 12 frames (0.48 s) each, the segment's last part shorter, the first independent",
            0.5, true,
            ["100.0 12 independent", "100.1 12", "100.2 12", "100.3 12", "100.4 2", "101.0 12 independent", "101.1 12", "101.2 12", "101.3 12", "101.4 2"]
        },
        {
            "0.2 s parts of 25 fps video: exactly 5 frames each",
            0.2, true,
            [.. Enumerable.Range(0, 10).Select(i => $"100.{i} 5{(i == 0 ? " independent" : string.Empty)}"), .. Enumerable.Range(0, 10).Select(i => $"101.{i} 5{(i == 0 ? " independent" : string.Empty)}")]
        },
        {
            "0.5 s parts of AAC: 23 frames (0.491 s) each, every part independent",
            0.5, false,
            ["100.0 23 independent", "100.1 23 independent", "100.2 23 independent", "100.3 23 independent", "100.4 2 independent",
             "101.0 23 independent", "101.1 23 independent", "101.2 23 independent", "101.3 23 independent", "101.4 2 independent"]
        },
        { "no part target: no parts", 0, true, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Push_Should_CutPartsAsTheTableSays_When_APartTargetIsSet(string name, double partTarget, bool video, string[] expected)
    {
        var boundaries = new SegmentBoundaries(2, firstSequence: 100);
        var recorder = new SegmenterRecorder();
        var videoSegmenter = new TrackSegmenter<double>(true, false, boundaries, video ? recorder : new SegmenterRecorder(), 1, 2, 100, partTargetSeconds: video ? partTarget : 0);
        var audioSegmenter = new TrackSegmenter<double>(false, false, boundaries, video ? new SegmenterRecorder() : recorder, 1, 2, 1000, partTargetSeconds: video ? 0 : partTarget);

        foreach (var frame in VideoFrames(0, 4))
        {
            videoSegmenter.Push(0, frame);
        }

        foreach (var frame in AudioFrames(0, 188))
        {
            audioSegmenter.Push(0, frame);
        }

        audioSegmenter.Complete();
        videoSegmenter.Complete();

        Assert.True(expected.SequenceEqual(recorder.Parts), $"{name}:\n{string.Join("\n", recorder.Parts)}");
        Assert.All(recorder.PartSpans, p => Assert.True(p.Duration * (video ? Video : Audio).TimeBase.ToDouble() <= partTarget + 1e-9, $"{name}: part {p.Sequence}.{p.Index} is longer than the target"));
        if (partTarget > 0)
        {
            foreach (var segment in recorder.Spans)
            {
                Assert.Equal(segment.Duration, recorder.PartSpans.Where(p => p.Sequence == segment.Sequence).Sum(p => p.Duration));
            }
        }
    }

    private static IEnumerable<SegmenterFrame> VideoFrames(double from, double to) =>
        Enumerable.Range((int)(from * 25), (int)((to - from) * 25))
            .Select(i => new SegmenterFrame(Video, i * 3_600L, i * 3_600L, 3_600, i % 50 == 0, i % 50 == 0));

    private static IEnumerable<SegmenterFrame> AudioFrames(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new SegmenterFrame(Audio, i * 1024L, i * 1024L, 1024, true, false));
}
