using System.Text.Json;
using Ladder.Api.Manifests;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Runner.Cli;

/// <summary>
/// Turns a manifest file (LiveStream with its TranscodeProfile, Template and Secrets) or a PipelineSpec JSON file into
/// a validated <see cref="PipelineSpec"/>, with the same reader, validators and resolver as the operator
/// (<c>Ladder.Api</c>).
/// </summary>
internal static class PipelineSpecLoader
{
    /// <summary>
    /// Every problem in a manifest file at once: YAML syntax, unknown fields and wrong types of every object, the
    /// validators' findings for every object that reads, and, when all that is clean, what stops a LiveStream from
    /// resolving. Empty when the file is valid. Never throws.
    /// </summary>
    /// <param name="path">The manifest file.</param>
    /// <returns>Problems as <c>file:line:column: Kind namespace/name: field.path: message</c>, each at its field's line.</returns>
    public static IReadOnlyList<string> Validate(string path)
    {
        var problems = new List<string>();
        ManifestSet set;
        try
        {
            set = ManifestReader.Read(ReadText(path), Path.GetFileName(path));
        }
        catch (SpecLoadException ex)
        {
            return ex.Problems;
        }
        catch (ManifestException ex)
        {
            problems.AddRange(ex.Problems);
            set = ex.Readable;
        }
        problems.AddRange(set.Validate());
        if (problems.Count > 0)
        {
            return problems;
        }
        foreach (var stream in set.Objects.Where(o => o.Object is LiveStream))
        {
            try
            {
                set.Resolve((LiveStream)stream.Object);
            }
            catch (SpecResolutionException ex)
            {
                problems.AddRange(ex.Errors.Select(stream.Describe));
            }
        }
        return problems;
    }

    /// <summary>Reads a manifest file and resolves one of its LiveStreams.</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="streamName">The stream (<c>name</c> or <c>namespace/name</c>), or null for the only one.</param>
    /// <exception cref="SpecLoadException">The file is unreadable or invalid, or the stream is missing, ambiguous or does not resolve.</exception>
    public static PipelineSpec FromManifest(string path, string? streamName)
    {
        var set = Read(path);
        var source = Path.GetFileName(path);
        LiveStream stream;
        try
        {
            stream = set.FindStream(streamName);
        }
        catch (ManifestException ex)
        {
            throw new SpecLoadException([.. ex.Problems.Select(p => $"{source}: {p}")]);
        }
        var what = $"{source}: LiveStream {stream.Metadata.NamespaceProperty ?? ManifestReader.DefaultNamespace}/{stream.Metadata.Name}";
        try
        {
            return set.Resolve(stream);
        }
        catch (SpecResolutionException ex)
        {
            throw new SpecLoadException([.. ex.Errors.Select(e => $"{what}: {e}")]);
        }
    }

    /// <summary>Reads a PipelineSpec JSON file (as the operator writes it) and validates it.</summary>
    /// <param name="path">The JSON file.</param>
    /// <exception cref="SpecLoadException">The file is unreadable, not a PipelineSpec, or invalid.</exception>
    public static PipelineSpec FromSpecFile(string path)
    {
        var source = Path.GetFileName(path);
        PipelineSpec spec;
        try
        {
            spec = PipelineSpec.FromJson(ReadText(path));
        }
        catch (JsonException ex)
        {
            throw new SpecLoadException([$"{source}: {ex.Message}"]);
        }
        var errors = new PipelineSpecValidator().Validate(spec).ToFieldErrors();
        return errors.Count == 0 ? spec : throw new SpecLoadException([.. errors.Select(e => $"{source}: PipelineSpec {spec.Stream}: {e}")]);
    }

    private static ManifestSet Read(string path)
    {
        try
        {
            return ManifestReader.Read(ReadText(path), Path.GetFileName(path));
        }
        catch (ManifestException ex)
        {
            throw new SpecLoadException(ex.Problems);
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SpecLoadException([$"{path}: cannot read the file: {ex.Message}"]);
        }
    }
}
