namespace Ladder.Api.Primitives;

/// <summary>Reads and writes a <see cref="Duration"/> as a Go duration string.</summary>
public sealed class DurationJsonConverter : WireValueJsonConverter<Duration>;
