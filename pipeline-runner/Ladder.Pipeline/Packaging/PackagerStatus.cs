namespace Ladder.Pipeline.Packaging;

/// <summary>The packager's state, for the runner's status endpoint.</summary>
/// <param name="Tracks">Every track announced, video renditions then audio, in the order announced.</param>
/// <param name="DiskWritesDropped">Disk mirror operations dropped because the disk fell behind; 0 without a disk output.</param>
/// <param name="DiskWritesFailed">Disk mirror operations that failed; 0 without a disk output.</param>
public sealed record PackagerStatus(IReadOnlyList<TrackStatus> Tracks, long DiskWritesDropped, long DiskWritesFailed)
{
    /// <summary>MPEG-TS segments dropped by a muxing failure (<c>outputs.hls.container: ts</c>); each rendition heals at its next segment after a discontinuity. 0 with fMP4.</summary>
    public long TransportStreamFailures { get; init; }
}
