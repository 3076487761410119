namespace Ladder.Pipeline.Packaging;

/// <summary>
/// The CMAF header of one version of a track (ISO/IEC 23000-19 section 7.3.2.1: <c>ftyp</c> + <c>moov</c>), referenced
/// by <c>EXT-X-MAP</c> (RFC 8216 section 4.3.2.5) and the DASH <c>SegmentTemplate@initialization</c>.
/// </summary>
/// <param name="Version">The <see cref="Media.TrackInfo.Version"/> it describes.</param>
/// <param name="Bytes">The file's bytes.</param>
/// <param name="Timescale">The track's <c>mdhd</c> timescale in ticks/s: the unit of <see cref="MediaSegment.StartTime"/> and <see cref="MediaSegment.Duration"/>.</param>
/// <param name="Format">Codec string, size and bitrates for the playlists and the manifest.</param>
public sealed record InitSegment(int Version, ReadOnlyMemory<byte> Bytes, int Timescale, TrackFormat Format);
