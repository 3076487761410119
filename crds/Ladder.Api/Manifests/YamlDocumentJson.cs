using System.Text.Json.Nodes;

namespace Ladder.Api.Manifests;

/// <summary>One YAML document converted to JSON, with where it and each of its fields are written.</summary>
/// <param name="Index">0-based position of the document in the stream.</param>
/// <param name="Line">1-based line where the document's content starts.</param>
/// <param name="Json">The content as JSON; null for an empty document.</param>
/// <param name="Positions">Line and column of each field of the document.</param>
public sealed record YamlDocumentJson(int Index, int Line, JsonNode? Json, FieldPositions Positions);
