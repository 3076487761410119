namespace Ladder.Pipeline.Packaging;

/// <summary>How a <see cref="LivePackager"/> runs, beyond what the <see cref="Ladder.Api.Pipeline.PipelineSpec"/> says.</summary>
public sealed record LivePackagerOptions
{
    /// <summary>A directory that mirrors every published file (written then renamed; deleted once out of the window); null for memory only.</summary>
    public string? DiskOutput { get; init; }

    /// <summary>Packets queued per track before new ones are dropped; default 1024 (about 40 s of 25 fps video, 20 s of 48 kHz AAC).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Disk operations queued before new ones are dropped; default 4096.</summary>
    public int DiskQueueCapacity { get; init; } = 4096;

    /// <summary>
    /// How long a removed track's playlist and segments stay published after its end (<c>EXT-X-ENDLIST</c>); null for
    /// the longest window plus one segment duration (RFC 8216 section 6.2.2).
    /// </summary>
    public TimeSpan? RemovedTrackLinger { get; init; }

    /// <summary>
    /// The wall clock of the publisher: the MPD's <c>publishTime</c> and the time served for its <c>UTCTiming</c>
    /// (ISO/IEC 23009-1, <c>urn:mpeg:dash:utc:http-iso:2014</c>), and when a removed track's files are withdrawn;
    /// <see cref="TimeProvider.System"/> by default. Segment boundaries need no clock: they follow media time.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called on a track's muxing loop with the track id and the packet's PTS before each packet is muxed; tests use it to inject failures.</summary>
    internal Action<string, long>? BeforeMux { get; init; }
}
