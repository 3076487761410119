using Ladder.Pipeline.Publishing;

namespace Ladder.Pipeline.Packaging;

/// <summary>The MPEG-TS side of one video rendition: its open muxer, the video segments waiting for their audio and the published TS segments. Guarded by the <see cref="TsPackager"/>'s lock.</summary>
/// <param name="publisher">The rendition's store (<see cref="TrackPublisher.TransportStream"/>).</param>
internal sealed class TsRendition(TrackPublisher publisher) : IDisposable
{
    /// <summary>The rendition name.</summary>
    public string Id => Publisher.Id;

    /// <summary>The published TS segments; a "version" is a muxer generation (its <see cref="InitSegment"/> has no bytes: TS has no init segment).</summary>
    public TrackPublisher Publisher { get; } = publisher;

    /// <summary>Video segments waiting for the audio of the same number, by sequence number.</summary>
    public SortedDictionary<long, TsTrackSegment> Pending { get; } = [];

    /// <summary>The open muxer; null before the first segment and after a failure.</summary>
    public TsMuxer? Muxer { get; set; }

    /// <summary>Muxers opened so far.</summary>
    public int Generation { get; set; }

    /// <summary>Whether the next segment follows a break (a failed segment).</summary>
    public bool Broken { get; set; }

    /// <summary>Whether the video track ended.</summary>
    public bool VideoEnded { get; set; }

    /// <summary>Whether the video track ended and every segment was published (<c>EXT-X-ENDLIST</c>).</summary>
    public bool Ended { get; set; }

    /// <summary>Frees the muxer and the waiting frames.</summary>
    public void Dispose()
    {
        Muxer?.Dispose();
        Muxer = null;
        foreach (var part in Pending.Values)
        {
            part.Dispose();
        }

        Pending.Clear();
    }
}
