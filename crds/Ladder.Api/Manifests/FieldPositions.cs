namespace Ladder.Api.Manifests;

/// <summary>
/// Where each field of one YAML document is written: field path (<c>spec.inputs[1].url</c>, the form of
/// <see cref="Validation.FieldError.Path"/>) to its 1-based line and column. A path that is not written (a missing
/// field, a value inside a scalar) resolves to its nearest written parent, and at last to the document's start.
/// </summary>
public sealed class FieldPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    /// <summary>Creates the map for a document whose content starts at <paramref name="line"/>, <paramref name="column"/>.</summary>
    public FieldPositions(int line, int column) => _positions[""] = (line, column);

    /// <summary>Records where <paramref name="path"/> is written (the first record of a path wins).</summary>
    internal void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>The 1-based line and column of <paramref name="path"/>, or of its nearest written parent.</summary>
    public (int Line, int Column) Find(string path)
    {
        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
            {
                return position;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? "" : path[..cut];
        }
    }

    /// <summary><c>source:line:column</c> of <paramref name="path"/>, for messages.</summary>
    public string Describe(string source, string path)
    {
        var (line, column) = Find(path);
        return $"{source}:{line}:{column}";
    }
}
