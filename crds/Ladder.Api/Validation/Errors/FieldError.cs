namespace Ladder.Api.Validation;

/// <summary>One problem with a field: <c>spec.inputs[1].url: scheme "ftp" is not supported; use ...</c>.</summary>
/// <param name="Path">The field path in the object as written in YAML, camelCase, e.g. <c>spec.inputs[1].url</c>.</param>
/// <param name="Message">What is wrong and, where possible, what to write instead.</param>
public sealed record FieldError(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : Path + ": " + Message;
}
