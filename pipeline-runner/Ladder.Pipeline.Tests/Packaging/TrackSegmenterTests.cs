using Ladder.LibAv;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>
/// The pure segmenter, table-driven: 25 fps video in 1/90000 ticks and 1024-sample AAC at 48 kHz on a 2 s target
/// (<c>EXT-X-TARGETDURATION</c> 2), first sequence number 100. Segments read <c>"sequence start-end"</c> in seconds.
/// </summary>
public sealed class TrackSegmenterTests
{
    private const double FrameSeconds = 0.04;
    private static readonly TrackTiming VideoV1 = new(1, new Rational(1, 90_000), 3_600, 20_000);
    private static readonly TrackTiming VideoV2 = VideoV1 with { Version = 2 };
    private static readonly TrackTiming AudioV1 = new(1, new Rational(1, 48_000), 1_024, 10_666);
    private static readonly TrackTiming AudioV2 = AudioV1 with { Version = 2 };

    public static TheoryData<string> VideoCases => [.. VideoTable.Keys];

    [Theory]
    [MemberData(nameof(VideoCases))]
    public void Push_Should_CutVideoAsTheTableSays_When_FramesCome(string name)
    {
        var (frames, segments, discarded) = VideoTable[name];
        var recorder = new SegmenterRecorder();
        var segmenter = Video(new SegmentBoundaries(2, firstSequence: 100), recorder);

        foreach (var frame in frames)
        {
            segmenter.Push(Seconds(frame), frame);
        }

        segmenter.Complete();

        Assert.Equal(segments, recorder.Segments);
        Assert.Equal(discarded, recorder.Discarded.Count);
    }

    [Fact]
    public void Push_Should_GiveEachFrameTheDistanceToTheNext_When_FramesAreRegular()
    {
        var recorder = new SegmenterRecorder();
        var segmenter = Video(new SegmentBoundaries(2), recorder);
        var frames = Frames(VideoV1, 0, 4, keyframes: [0, 2]).Select(f => f with { Duration = 0 }).ToList();

        foreach (var frame in frames)
        {
            segmenter.Push(Seconds(frame), frame);
        }

        segmenter.Complete();

        Assert.Equal(frames.Count, recorder.Written.Count);
        Assert.All(recorder.Written, w => Assert.Equal(3_600, w.Duration));
        Assert.Equal([2 * 90_000L, 2 * 90_000L], recorder.Spans.Select(s => s.Duration));
    }

    [Fact]
    public void Push_Should_PlaceAudioOnTheVideoBoundaries_When_BothTracksShareThem()
    {
        var boundaries = new SegmentBoundaries(2, firstSequence: 100);
        var video = new SegmenterRecorder();
        var audio = new SegmenterRecorder();
        var videoSegmenter = Video(boundaries, video);
        var audioSegmenter = Audio(boundaries, audio);
        boundaries.Announced += audioSegmenter.Wake;

        Feed(videoSegmenter, Frames(VideoV1, 0, 6, keyframes: [0, 2, 4]), audioSegmenter, AudioFrames(AudioV1, 0, 6));

        Assert.Equal(["100 0-2 init", "101 2-4", "102 4-6"], video.Segments);
        Assert.Equal(["100 0-2.005 init", "101 2.005-4.011", "102 4.011-6.016"], audio.Segments); // the first frame at or after each boundary
        Assert.Empty(audio.Discarded);
    }

    [Fact]
    public void Push_Should_StartTheNewAudioVersionAtABoundaryAfterADiscontinuity_When_TheAudioEncoderIsSwapped()
    {
        var boundaries = new SegmentBoundaries(2, firstSequence: 100);
        var audio = new SegmenterRecorder();
        var videoSegmenter = Video(boundaries, new SegmenterRecorder());
        var audioSegmenter = Audio(boundaries, audio);
        boundaries.Announced += audioSegmenter.Wake;

        var frames = AudioFrames(AudioV1, 0, 4).Concat(AudioFrames(AudioV2, 4, 6)).ToList();
        Feed(videoSegmenter, Frames(VideoV1, 0, 6, keyframes: [0, 2, 4]), audioSegmenter, frames);

        Assert.Equal(["100 0-2.005 init", "101 2.005-4.011", "102 4.011-6.016 init disc"], audio.Segments);
        Assert.Equal([1, 1, 2], audio.Spans.Select(s => s.Track.Version));
    }

    [Fact]
    public void Push_Should_DropTheOldestAudio_When_MoreFramesWaitForABoundaryThanTheCapacity()
    {
        var audio = new SegmenterRecorder();
        var segmenter = new TrackSegmenter<double>(video: false, selfPaced: false, new SegmentBoundaries(2), audio, gapSeconds: 1, targetDuration: 2, capacity: 10);

        foreach (var frame in AudioFrames(AudioV1, 0, 0.5))
        {
            segmenter.Push(Seconds(frame), frame); // no video announces a boundary
        }

        Assert.Equal(24 - 10, audio.Dropped.Count);
        Assert.Equal(0, audio.Dropped[0]);
        Assert.Empty(audio.Segments);
    }

    [Fact]
    public void Reset_Should_RestartAtTheNextBoundaryWithItsInitAndADiscontinuity_When_TheMuxerFailed()
    {
        var recorder = new SegmenterRecorder();
        var segmenter = Video(new SegmentBoundaries(2, firstSequence: 100), recorder);

        foreach (var frame in Frames(VideoV1, 0, 6, keyframes: [0, 2, 4]))
        {
            recorder.FailNextWrite = Seconds(frame) == 2.6;
            try
            {
                segmenter.Push(Seconds(frame), frame);
            }
            catch (InvalidOperationException)
            {
                segmenter.Reset();
                recorder.Broke();
            }
        }

        segmenter.Complete();

        Assert.Equal(["100 0-2 init", "102 4-6 init disc"], recorder.Segments); // 101 was lost
        Assert.Contains(2.6, recorder.Discarded); // the frame held when the write failed
    }

    private static readonly Dictionary<string, (SegmenterFrame[] Frames, string[] Segments, int Discarded)> VideoTable = new()
    {
        ["keyframes on the grid cut every segment"] = (
            Frames(VideoV1, 0, 6, keyframes: [0, 2, 4]),
            ["100 0-2 init", "101 2-4", "102 4-6"], 0),
        ["a 1 s GOP cuts every other keyframe"] = (
            Frames(VideoV1, 0, 6, keyframes: [0, 1, 2, 3, 4, 5]),
            ["100 0-2 init", "101 2-4", "102 4-6"], 0),
        ["a late keyframe makes one shorter segment and the grid holds"] = (
            Frames(VideoV1, 0, 6, keyframes: [0, 2.4, 4]),
            ["100 0-2.4 init", "101 2.4-4", "102 4-6"], 0),
        ["a keyframe too late to round to the target caps the segment"] = (
            Frames(VideoV1, 0, 6, keyframes: [0, 2.6, 4]),
            ["100 0-2.48 init capped", "101 2.6-4 disc", "102 4-6"], 3),
        ["a GOP longer than the target is capped and resumes at the next keyframe after a discontinuity"] = (
            Frames(VideoV1, 0, 6, keyframes: [0, 4]),
            ["100 0-2.48 init capped", "101 4-6 disc"], 38),
        ["an encoder swap at a boundary starts a new version after a discontinuity"] = (
            [.. Frames(VideoV1, 0, 4, keyframes: [0, 2]), .. Frames(VideoV2, 4, 8, keyframes: [4, 6])],
            ["100 0-2 init", "101 2-4", "102 4-6 init disc", "103 6-8"], 0),
        ["the old encoder's tail after the swap is discarded"] = (
            [.. Frames(VideoV1, 0, 4, keyframes: [0, 2]), .. Frames(VideoV2, 4, 6, keyframes: [4]), .. Frames(VideoV1, 4, 4.2, keyframes: [])],
            ["100 0-2 init", "101 2-4", "102 4-6 init disc"], 5),
        ["a timestamp gap ends the segment at its last frame and marks a discontinuity"] = (
            [.. Frames(VideoV1, 0, 3, keyframes: [0, 2]), .. Frames(VideoV1, 6, 10, keyframes: [6, 8])],
            ["100 0-2 init", "101 2-3", "102 6-8 disc", "103 8-10"], 0),
        ["a decode time that does not increase is discarded"] = (
            [.. Frames(VideoV1, 0, 1.04, keyframes: [0]), .. Frames(VideoV1, 1, 4, keyframes: [2])],
            ["100 0-2 init", "101 2-4"], 1),
        ["frames before the first keyframe are discarded"] = (
            Frames(VideoV1, 0, 4, keyframes: [0.4, 2.4]),
            ["100 0.4-2.4 init", "101 2.4-4"], 10),
    };

    private static TrackSegmenter<double> Video(SegmentBoundaries boundaries, SegmenterRecorder recorder) =>
        new(video: true, selfPaced: false, boundaries, recorder, gapSeconds: 1, targetDuration: 2, capacity: 100);

    private static TrackSegmenter<double> Audio(SegmentBoundaries boundaries, SegmenterRecorder recorder) =>
        new(video: false, selfPaced: false, boundaries, recorder, gapSeconds: 1, targetDuration: 2, capacity: 1000);

    /// <summary>Video and audio pushed in presentation order, video first at equal times, then both completed (video first).</summary>
    private static void Feed(TrackSegmenter<double> video, IEnumerable<SegmenterFrame> videoFrames, TrackSegmenter<double> audio, IReadOnlyList<SegmenterFrame> audioFrames)
    {
        var next = 0;
        foreach (var frame in videoFrames)
        {
            video.Push(Seconds(frame), frame);
            for (; next < audioFrames.Count && Seconds(audioFrames[next]) <= Seconds(frame); next++)
            {
                audio.Push(Seconds(audioFrames[next]), audioFrames[next]);
            }
        }

        for (; next < audioFrames.Count; next++)
        {
            audio.Push(Seconds(audioFrames[next]), audioFrames[next]);
        }

        video.Complete();
        audio.Complete();
    }

    /// <summary>25 fps frames from <paramref name="from"/> up to <paramref name="to"/> seconds; those at <paramref name="keyframes"/> start segments.</summary>
    private static SegmenterFrame[] Frames(TrackTiming track, double from, double to, double[] keyframes) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / FrameSeconds))
            .Select(i => Math.Round(from + (i * FrameSeconds), 2))
            .Select(t => new SegmenterFrame(track, (long)Math.Round(t * 90_000), (long)Math.Round(t * 90_000), 3_600, keyframes.Contains(t), keyframes.Contains(t)))];

    /// <summary>1024-sample frames at 48 kHz whose presentation times fall in [<paramref name="from"/>, <paramref name="to"/>) seconds.</summary>
    private static SegmenterFrame[] AudioFrames(TrackTiming track, double from, double to) =>
        [.. Enumerable.Range((int)Math.Ceiling(from * 48_000 / 1024), (int)Math.Ceiling(to * 48_000 / 1024) - (int)Math.Ceiling(from * 48_000 / 1024))
            .Select(i => new SegmenterFrame(track, i * 1024L, i * 1024L, 1024, true, false))];

    private static double Seconds(SegmenterFrame frame) => Math.Round(frame.Pts * frame.Track.TimeBase.ToDouble(), 3);
}
