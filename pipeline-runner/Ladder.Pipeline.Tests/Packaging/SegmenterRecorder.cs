using System.Globalization;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Writes down what a <see cref="TrackSegmenter{T}"/> decided; frames are labelled with their PTS in seconds.</summary>
internal sealed class SegmenterRecorder : ISegmenterOutput<double>
{
    private SegmentSpan? _open;
    private int _partFrames;

    /// <summary>The closed segments as <c>"sequence start-end"</c> in seconds, then <c>init</c>, <c>disc</c>, <c>capped</c> as they apply.</summary>
    public List<string> Segments { get; } = [];

    /// <summary>The closed segments.</summary>
    public List<SegmentSpan> Spans { get; } = [];

    /// <summary>Written frames with their durations in track ticks.</summary>
    public List<(double Frame, long Duration)> Written { get; } = [];

    /// <summary>The parts as <c>"sequence.index frames[ independent]"</c>: how many frames each holds since the previous part.</summary>
    public List<string> Parts { get; } = [];

    /// <summary>The parts as decided.</summary>
    public List<PartSpan> PartSpans { get; } = [];

    /// <summary>Frames discarded.</summary>
    public List<double> Discarded { get; } = [];

    /// <summary>Frames dropped for want of room.</summary>
    public List<double> Dropped { get; } = [];

    /// <summary>When set, the next <see cref="Write"/> throws, as a failing muxer would.</summary>
    public bool FailNextWrite { get; set; }

    public void Opened(SegmentSpan segment, double first)
    {
        Assert.Null(_open);
        _open = segment;
    }

    public void Write(double frame, long duration)
    {
        Assert.NotNull(_open);
        if (FailNextWrite)
        {
            FailNextWrite = false;
            throw new InvalidOperationException("injected muxer failure");
        }

        Written.Add((frame, duration));
        _partFrames++;
    }

    public void PartEnded(PartSpan part)
    {
        Assert.Equal(_open?.Sequence, part.Sequence);
        Parts.Add(string.Create(CultureInfo.InvariantCulture, $"{part.Sequence}.{part.Index} {_partFrames}{(part.Independent ? " independent" : string.Empty)}"));
        PartSpans.Add(part);
        _partFrames = 0;
    }

    public void Closed(SegmentSpan segment)
    {
        Assert.Equal(_open?.Sequence, segment.Sequence);
        _open = null;
        var seconds = segment.Track.TimeBase.ToDouble();
        var text = string.Create(CultureInfo.InvariantCulture, $"{segment.Sequence} {Math.Round(segment.StartPts * seconds, 3)}-{Math.Round(segment.EndPts * seconds, 3)}");
        text += (segment.NewInit ? " init" : string.Empty) + (segment.Discontinuity ? " disc" : string.Empty) + (segment.Overlong ? " capped" : string.Empty);
        Segments.Add(text);
        Spans.Add(segment);
    }

    public void Discard(double frame) => Discarded.Add(frame);

    public void Drop(double frame) => Dropped.Add(frame);

    /// <summary>Forgets the open segment after a failure (the segmenter's <c>Reset</c>).</summary>
    public void Broke() => _open = null;
}
