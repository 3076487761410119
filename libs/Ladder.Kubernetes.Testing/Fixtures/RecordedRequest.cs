namespace Ladder.Kubernetes.Testing;

/// <summary>A request an in-process server received, for tests to assert what the client sent.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The decoded path.</param>
/// <param name="Query">The query parameters, decoded, in the order sent.</param>
/// <param name="ContentType">The Content-Type header, or null.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="Body">The body as text; empty when none.</param>
/// <param name="Fixture">The fixture or script that answered it, or null when nothing matched.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string? ContentType,
    string? Authorization,
    string Body,
    string? Fixture);
