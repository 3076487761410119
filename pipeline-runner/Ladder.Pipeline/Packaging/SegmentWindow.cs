namespace Ladder.Pipeline.Packaging;

/// <summary>
/// One track's published segments: its init segments and the last <see cref="Capacity"/> media segments in sequence
/// order; older ones are evicted as new ones arrive, so memory stays bounded however long the stream runs. An init
/// segment is kept while a kept media segment or the newest version needs it. Thread-safe; readers get immutable
/// snapshots.
/// </summary>
internal sealed class SegmentWindow
{
    private readonly Lock _lock = new();
    private readonly Queue<MediaSegment> _segments = new();
    private readonly Dictionary<int, InitSegment> _inits = [];
    private Snapshot _snapshot = new([], new Dictionary<int, InitSegment>(), null);

    /// <summary>Creates an empty window.</summary>
    /// <param name="capacity">Media segments kept.</param>
    public SegmentWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

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

            Publish(latest);
            return new Eviction(evicted, evictedInits);
        }
    }

    private void Publish(InitSegment? latest) =>
        Volatile.Write(ref _snapshot, new Snapshot([.. _segments], new Dictionary<int, InitSegment>(_inits), latest));

    /// <summary>An immutable view of the window.</summary>
    /// <param name="Segments">The kept media segments, oldest first.</param>
    /// <param name="Inits">The kept init segments by track version.</param>
    /// <param name="LatestInit">The newest version's init segment; null before the first.</param>
    public sealed record Snapshot(IReadOnlyList<MediaSegment> Segments, IReadOnlyDictionary<int, InitSegment> Inits, InitSegment? LatestInit);

    /// <summary>What one <see cref="Add"/> evicted.</summary>
    /// <param name="Segments">Media segments that left the window.</param>
    /// <param name="Inits">Init segments no kept segment refers to any more.</param>
    public sealed record Eviction(IReadOnlyList<MediaSegment> Segments, IReadOnlyList<InitSegment> Inits);
}
