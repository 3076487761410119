namespace Ladder.Api.Primitives;

/// <summary>YamlDotNet converter for <see cref="Bitrate"/>: reads <c>5000k</c>, <c>5M</c> or <c>800000</c>, writes the canonical text.</summary>
public sealed class BitrateYamlConverter : WireValueYamlConverter<Bitrate>;
