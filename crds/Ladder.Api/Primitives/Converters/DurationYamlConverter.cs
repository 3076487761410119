namespace Ladder.Api.Primitives;

/// <summary>YamlDotNet converter for <see cref="Duration"/> (Go duration strings).</summary>
public sealed class DurationYamlConverter : WireValueYamlConverter<Duration>;
