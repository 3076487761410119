using Ladder.LibAv;
using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Publishing;

/// <summary>
/// The store side of one published track (a CMAF track, or an MPEG-TS rendition): keeps its
/// <see cref="SegmentWindow"/>, numbers its segments for the playlist, writes their files into the origin and deletes
/// those that leave the window. An HLS media sequence stays consecutive across a lost segment (RFC 8216 section
/// 6.2.2), and the discontinuity sequence counts the discontinuities before each segment (section 4.3.3.3). Segment
/// files are cacheable for 10 minutes: a URI never serves other bytes, since sequence numbers and init versions only
/// grow. With parts (Low-Latency HLS), each part's file is written as it comes and deleted once its segment is no
/// longer among the newest the window keeps parts for. Publishing is single-threaded per track (its loop or its owner's lock); the counters may be read from any thread.
/// </summary>
internal sealed class TrackPublisher
{
    private static readonly TimeSpan SegmentMaxAge = TimeSpan.FromMinutes(10);
    private readonly PublishedContent _content;
    private readonly bool _files;
    private readonly Func<string, long, string> _segmentPath;
    private readonly string _segmentType;
    private readonly string? _initType;
    private readonly TimeSpan? _followWithin;
    private long _discontinuities;
    private long _segments;
    private long _bytes;
    private long _lastSequence;
    private double _lastDuration;
    private long _peakBitrate;

    private TrackPublisher(string id, int capacity, PublishedContent content, bool files, Func<string, long, string> segmentPath, string segmentType, string? initType, int partSegments = 0, TimeSpan? followWithin = null)
    {
        Id = id;
        Window = new SegmentWindow(capacity, partSegments);
        _content = content;
        _files = files;
        _segmentPath = segmentPath;
        _segmentType = segmentType;
        _initType = initType;
        _followWithin = followWithin;
    }

    /// <summary>The track id: a rendition name or <c>audio</c>.</summary>
    public string Id { get; }

    /// <summary>The published segments and init segments.</summary>
    public SegmentWindow Window { get; }

    /// <summary>Segments published.</summary>
    public long Segments => Interlocked.Read(ref _segments);

    /// <summary>Bytes of the segments published.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The newest published sequence number; 0 before the first.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>The newest published segment's duration in seconds.</summary>
    public double LastDuration => Volatile.Read(ref _lastDuration);

    /// <summary>The largest segment bitrate published so far, bits/s.</summary>
    public long PeakBitrate => Interlocked.Read(ref _peakBitrate);

    /// <summary>A CMAF track: <c>init-&lt;version&gt;.mp4</c> and <c>&lt;n&gt;.m4s</c> files (<see cref="OriginPaths.Init"/>, <see cref="OriginPaths.Segment"/>).</summary>
    /// <param name="id">The track id.</param>
    /// <param name="mediaType">Video or audio: the files' content types.</param>
    /// <param name="capacity">Media segments kept.</param>
    /// <param name="content">The origin's store.</param>
    /// <param name="files">Whether the files are written (HLS fMP4 or DASH is on); the window keeps the segments either way.</param>
    /// <param name="partSegments">Closed segments whose parts are kept (<c>hls/&lt;track&gt;/&lt;n&gt;.&lt;part&gt;.m4s</c>); 0 without parts.</param>
    /// <param name="followWithin">How long a request streaming a segment in progress waits for what follows a part (<see cref="OriginResource.FollowWithin"/>); null without parts.</param>
    /// <returns>The publisher.</returns>
    public static TrackPublisher Cmaf(string id, MediaType mediaType, int capacity, PublishedContent content, bool files, int partSegments = 0, TimeSpan? followWithin = null) =>
        new(id, capacity, content, files, OriginPaths.Segment, mediaType == MediaType.Video ? ContentTypes.VideoSegment : ContentTypes.AudioMp4,
            mediaType == MediaType.Video ? ContentTypes.VideoMp4 : ContentTypes.AudioMp4, partSegments, followWithin);

    /// <summary>An MPEG-TS rendition: <c>&lt;n&gt;.ts</c> files (<see cref="OriginPaths.TsSegment"/>), no init segment files.</summary>
    /// <param name="id">The rendition name.</param>
    /// <param name="capacity">Media segments kept.</param>
    /// <param name="content">The origin's store.</param>
    /// <returns>The publisher.</returns>
    public static TrackPublisher TransportStream(string id, int capacity, PublishedContent content) =>
        new(id, capacity, content, files: true, OriginPaths.TsSegment, ContentTypes.VideoMp2t, initType: null);

    /// <summary>Adds the init segment of a new track version (or of a restart) and writes its file.</summary>
    /// <param name="init">The init segment.</param>
    public void AddInit(InitSegment init)
    {
        Window.AddInit(init);
        if (_files && _initType is not null)
        {
            _content.Put(OriginPaths.Init(Id, init.Version), new OriginResource(init.Bytes, _initType, SegmentMaxAge));
        }
    }

    /// <summary>Adds a part of the open segment and writes its file; parts of a segment that never closed are deleted.</summary>
    /// <param name="part">The part; its version's init segment added.</param>
    /// <exception cref="ArgumentException">The part is of a closed segment or does not follow the open segment's last part.</exception>
    public void PublishPart(MediaPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var orphans = Window.AddPart(part);
        _content.Put(OriginPaths.Part(Id, part.SequenceNumber, part.Index), new OriginResource(part.Bytes, _segmentType, SegmentMaxAge) { FollowWithin = _followWithin });
        DeleteParts(orphans);
    }

    /// <summary>Numbers a media segment for the playlist, adds it to the window, writes its file and deletes what left the window.</summary>
    /// <param name="segment">The segment; its sequence number must be above the last one's and its version's init segment added.</param>
    /// <param name="startsVersion">Whether it starts a new track version or breaks the <c>$Number$</c> run (a lost segment): a new DASH Period (ISO/IEC 23009-1 section 5.3.2).</param>
    /// <returns>The segment as published, with <see cref="MediaSegment.MediaSequence"/> and <see cref="MediaSegment.DiscontinuitySequence"/> set.</returns>
    /// <exception cref="ArgumentException">The sequence number does not increase, or its version has no init segment.</exception>
    public MediaSegment Publish(MediaSegment segment, out bool startsVersion)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var previous = Window.Current.Segments is { Count: > 0 } kept ? kept[^1] : null;
        segment = segment with
        {
            MediaSequence = previous is null ? segment.SequenceNumber : previous.MediaSequence + 1,
            DiscontinuitySequence = _discontinuities,
        };
        startsVersion = previous is not null && (segment.Version != previous.Version || segment.SequenceNumber != previous.SequenceNumber + 1);
        var eviction = Window.Add(segment);
        if (segment.Discontinuity)
        {
            _discontinuities++;
        }

        if (_files)
        {
            _content.Put(_segmentPath(Id, segment.SequenceNumber), new OriginResource(segment.Bytes, _segmentType, SegmentMaxAge));
            Delete(eviction.Segments, eviction.Inits);
        }

        DeleteParts(eviction.Parts);

        Interlocked.Increment(ref _segments);
        Interlocked.Add(ref _bytes, segment.Bytes.Length);
        Interlocked.Exchange(ref _lastSequence, segment.SequenceNumber);
        Volatile.Write(ref _lastDuration, segment.DurationSeconds);
        if (segment.Bitrate > PeakBitrate)
        {
            Interlocked.Exchange(ref _peakBitrate, segment.Bitrate);
        }

        return segment;
    }

    /// <summary>Grows the window to <paramref name="retained"/> segments; never shrinks it, so segments stay fetchable after leaving a playlist (RFC 8216 section 6.2.2).</summary>
    /// <param name="retained">Media segments to keep.</param>
    public void Retain(int retained) => Window.Grow(retained);

    /// <summary>What the playlist and manifest writers read of the track now.</summary>
    /// <param name="ended">Whether the track ended (<c>EXT-X-ENDLIST</c>).</param>
    /// <returns>A snapshot.</returns>
    public PublishedTrack Describe(bool ended) => new(Id, Window.Current, ended, PeakBitrate);

    /// <summary>Deletes every file of the window (an ended track withdrawn); its playlist is the caller's.</summary>
    public void Withdraw()
    {
        var content = Window.Current;
        Delete(content.Segments, [.. content.Inits.Values]);
        DeleteParts(content.Parts);
    }

    private void DeleteParts(IReadOnlyList<MediaPart> parts)
    {
        foreach (var part in parts)
        {
            _content.Remove(OriginPaths.Part(Id, part.SequenceNumber, part.Index));
        }
    }

    private void Delete(IReadOnlyList<MediaSegment> segments, IReadOnlyList<InitSegment> inits)
    {
        foreach (var segment in segments)
        {
            _content.Remove(_segmentPath(Id, segment.SequenceNumber));
        }

        foreach (var init in _initType is null ? [] : inits)
        {
            _content.Remove(OriginPaths.Init(Id, init.Version));
        }
    }
}
