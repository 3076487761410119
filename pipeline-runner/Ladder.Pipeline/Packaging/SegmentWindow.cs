namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One track's published segments: its init segments and the last <see cref="Capacity"/> media segments in sequence
/// order; older ones are evicted as new ones arrive, so memory stays bounded however long the stream runs. An init
/// segment is kept while a kept media segment or the newest version needs it. Thread-safe; readers get immutable
/// snapshots. With parts (Low-Latency HLS), it also keeps the parts of the open segment and of the newest
/// <see cref="PartSegments"/> closed ones; parts of a segment that never closed (a failure) are dropped when the next opens.
/// </summary>
internal sealed class SegmentWindow
{
    private readonly Lock _lock = new();
    private readonly Queue<MediaSegment> _segments = new();
    private readonly Dictionary<int, InitSegment> _inits = [];
    private readonly List<MediaPart> _parts = [];
    private Snapshot _snapshot = new([], new Dictionary<int, InitSegment>(), null);

    /// <summary>Creates an empty window.</summary>
    /// <param name="capacity">Media segments kept.</param>
    /// <param name="partSegments">Closed segments whose parts are kept; 0 without parts.</param>
    public SegmentWindow(int capacity, int partSegments = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(partSegments);
        Capacity = capacity;
        PartSegments = partSegments;
    }

    /// <summary>Closed segments whose parts are kept (the newest); 0 without parts.</summary>
    public int PartSegments { get; }

    /// <summary>Media segments kept.</summary>
    public int Capacity { get; private set; }

    /// <summary>Raises <see cref="Capacity"/> to <paramref name="capacity"/> when that is larger; a smaller value changes nothing.</summary>
    /// <param name="capacity">Media segments to keep.</param>
    public void Grow(int capacity)
    {
        lock (_lock)
        {
            Capacity = Math.Max(Capacity, capacity);
        }
    }

    /// <summary>The current content; replaced (never mutated) on every change.</summary>
    public Snapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Adds the init segment of a new track version; it becomes <see cref="Snapshot.LatestInit"/>.</summary>
    /// <param name="init">The init segment.</param>
    public void AddInit(InitSegment init)
    {
        lock (_lock)
        {
            _inits[init.Version] = init;
            Publish(init);
        }
    }

    /// <summary>Appends a part of the open segment; parts of an older segment that never closed are evicted.</summary>
    /// <param name="part">The part: of the segment after the last closed one, following the last part of that segment.</param>
    /// <returns>The parts evicted (for the caller to delete their files).</returns>
    /// <exception cref="ArgumentException">The part is of a closed segment, or does not follow the open segment's last part.</exception>
    public IReadOnlyList<MediaPart> AddPart(MediaPart part)
    {
        lock (_lock)
        {
            var closed = _segments.Count > 0 ? _segments.Last().SequenceNumber : 0;
            if (part.SequenceNumber <= closed)
            {
                throw new ArgumentException($"Part {part.SequenceNumber}.{part.Index} is of a closed segment; parts come before their segment closes.", nameof(part));
            }

            var orphans = _parts.Where(p => p.SequenceNumber > closed && p.SequenceNumber != part.SequenceNumber).ToList();
            _parts.RemoveAll(orphans.Contains);
            var expected = _parts.Count > 0 && _parts[^1].SequenceNumber == part.SequenceNumber ? _parts[^1].Index + 1 : 0;
            if (part.Index != expected)
            {
                throw new ArgumentException($"Part {part.SequenceNumber}.{part.Index} does not follow; part {expected} was expected.", nameof(part));
            }

            _parts.Add(part);
            Publish(_snapshot.LatestInit);
            return orphans;
        }
    }

    /// <summary>Appends a media segment and evicts what falls out of the window.</summary>
    /// <param name="segment">The segment; its sequence number must be above the last one's.</param>
    /// <returns>The media segments and init segments evicted (for the caller to delete their files).</returns>
    /// <exception cref="ArgumentException">The sequence number does not increase, or no init segment exists for its version.</exception>
    public Eviction Add(MediaSegment segment)
    {
        lock (_lock)
        {
            if (_segments.Count > 0 && segment.SequenceNumber <= _segments.Last().SequenceNumber)
            {
                throw new ArgumentException($"Segment {segment.SequenceNumber} does not follow segment {_segments.Last().SequenceNumber}; sequence numbers must increase.", nameof(segment));
            }

            if (!_inits.ContainsKey(segment.Version))
            {
                throw new ArgumentException($"Segment {segment.SequenceNumber} is of track version {segment.Version}, which has no init segment; add it first.", nameof(segment));
            }

            _segments.Enqueue(segment);
            var evicted = new List<MediaSegment>();
            while (_segments.Count > Capacity)
            {
                evicted.Add(_segments.Dequeue());
            }

            var latest = _snapshot.LatestInit;
            var evictedInits = _inits.Values
                .Where(i => i.Version != latest?.Version && _segments.All(s => s.Version != i.Version))
                .ToList();
            foreach (var init in evictedInits)
            {
                _inits.Remove(init.Version);
            }

            var partsFrom = _segments.Reverse().Skip(PartSegments - 1).Select(s => s.SequenceNumber).FirstOrDefault();
            var evictedParts = _parts.Where(p => p.SequenceNumber < partsFrom || (p.SequenceNumber < segment.SequenceNumber && !_segments.Any(s => s.SequenceNumber == p.SequenceNumber))).ToList();
            _parts.RemoveAll(evictedParts.Contains);
            Publish(latest);
            return new Eviction(evicted, evictedInits) { Parts = evictedParts };
        }
    }

    private void Publish(InitSegment? latest) =>
        Volatile.Write(ref _snapshot, new Snapshot([.. _segments], new Dictionary<int, InitSegment>(_inits), latest) { Parts = [.. _parts] });

    /// <summary>An immutable view of the window.</summary>
    /// <param name="Segments">The kept media segments, oldest first.</param>
    /// <param name="Inits">The kept init segments by track version.</param>
    /// <param name="LatestInit">The newest version's init segment; null before the first.</param>
    public sealed record Snapshot(IReadOnlyList<MediaSegment> Segments, IReadOnlyDictionary<int, InitSegment> Inits, InitSegment? LatestInit)
    {
        /// <summary>The kept parts in order: those of the newest closed segments, then those of the open segment; empty without parts.</summary>
        public IReadOnlyList<MediaPart> Parts { get; init; } = [];
    }

    /// <summary>What one <see cref="Add"/> evicted.</summary>
    /// <param name="Segments">Media segments that left the window.</param>
    /// <param name="Inits">Init segments no kept segment refers to any more.</param>
    public sealed record Eviction(IReadOnlyList<MediaSegment> Segments, IReadOnlyList<InitSegment> Inits)
    {
        /// <summary>Parts whose segment left the newest <see cref="PartSegments"/>, or whose segment never closed.</summary>
        public IReadOnlyList<MediaPart> Parts { get; init; } = [];
    }
}
