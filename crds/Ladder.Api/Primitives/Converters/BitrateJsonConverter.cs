namespace Ladder.Api.Primitives;

/// <summary>Reads a <see cref="Bitrate"/> from a JSON integer or string; writes the canonical string (<c>"5M"</c>).</summary>
public sealed class BitrateJsonConverter : WireValueJsonConverter<Bitrate>;
