using Ladder.Api.Pipeline;
using Ladder.Api.Resolution;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Manifests;

/// <summary>
/// The objects of one or more manifest files, with what the runner's standalone mode needs: validate them
/// all, and resolve a stream to its <see cref="PipelineSpec"/> with the Template, profile and Secrets from
/// the same set (in the stream's namespace).
/// </summary>
public sealed class ManifestSet
{
    /// <summary>Wraps the objects read.</summary>
    public ManifestSet(IReadOnlyList<ManifestObject> objects) => Objects = objects;

    /// <summary>Every object, in file order.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }

    /// <summary>The LiveStreams.</summary>
    public IReadOnlyList<LiveStream> LiveStreams => [.. Objects.Select(o => o.Object).OfType<LiveStream>()];

    /// <summary>The TranscodeProfiles.</summary>
    public IReadOnlyList<TranscodeProfile> TranscodeProfiles => [.. Objects.Select(o => o.Object).OfType<TranscodeProfile>()];

    /// <summary>The Templates.</summary>
    public IReadOnlyList<Template> Templates => [.. Objects.Select(o => o.Object).OfType<Template>()];

    /// <summary>The Secrets.</summary>
    public IReadOnlyList<Secret> Secrets => [.. Objects.Select(o => o.Object).OfType<Secret>()];

    /// <summary>The Secrets of one namespace as an <see cref="ISecretSource"/>.</summary>
    public ISecretSource SecretsIn(string @namespace) => new DictionarySecretSource(
        Objects.Where(o => o.Object is Secret && o.Namespace == @namespace)
            .ToDictionary(o => o.Name, o => ((Secret)o.Object).DecodedValues(), StringComparer.Ordinal));

    /// <summary>
    /// Validates every object on its own (no lookups), returning problems as
    /// <c>file:line:column: LiveStream default/demo: spec.inputs[0].url: ...</c>, each at its field's line. Empty when all are valid.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var o in Objects)
        {
            var errors = o.Object switch
            {
                LiveStream s => new LiveStreamValidator().Validate(s).ToFieldErrors(),
                TranscodeProfile p => new TranscodeProfileValidator().Validate(p).ToFieldErrors(),
                Template t => new TemplateValidator().Validate(t).ToFieldErrors(),
                _ => [],
            };
            problems.AddRange(errors.Select(o.Describe));
        }
        return problems;
    }

    /// <summary>
    /// Finds a LiveStream: by name (in any namespace, or <c>namespace/name</c>), or the only one when
    /// <paramref name="name"/> is null. Throws <see cref="ManifestException"/> when there is none or the choice is ambiguous.
    /// </summary>
    public LiveStream FindStream(string? name = null)
    {
        var streams = Objects.Where(o => o.Object is LiveStream).ToList();
        if (streams.Count == 0)
        {
            throw new ManifestException("the manifest has no LiveStream");
        }
        List<ManifestObject> matches;
        if (name is null)
        {
            matches = streams;
        }
        else
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            matches = slash < 0
                ? [.. streams.Where(o => o.Name == name)]
                : [.. streams.Where(o => o.Namespace == name[..slash] && o.Name == name[(slash + 1)..])];
        }
        if (matches.Count == 1)
        {
            return (LiveStream)matches[0].Object;
        }
        var names = string.Join(", ", streams.Select(o => o.Namespace + "/" + o.Name));
        throw new ManifestException(matches.Count == 0
            ? $"no LiveStream \"{name}\" in the manifest; it has {names}"
            : $"the manifest has {matches.Count} LiveStreams ({names}); name the one to run");
    }

    /// <summary>
    /// Resolves a stream to its PipelineSpec with the Template, TranscodeProfile and Secrets of this set.
    /// </summary>
    /// <exception cref="ManifestException">No such stream, or it is ambiguous.</exception>
    /// <exception cref="SpecResolutionException">The stream cannot be resolved; the errors name the fields.</exception>
    public PipelineSpec Resolve(string? streamName = null) => Resolve(FindStream(streamName));

    /// <summary>Resolves <paramref name="stream"/> (one of this set's) with this set's references.</summary>
    /// <exception cref="SpecResolutionException">The stream cannot be resolved; the errors name the fields.</exception>
    public PipelineSpec Resolve(LiveStream stream)
    {
        var ns = PipelineResolver.NamespaceOf(stream);
        var template = stream.Spec?.TemplateRef?.Name is { Length: > 0 } templateName
            ? Find<Template>(ns, templateName)
            : null;
        var merged = stream.Spec is null ? null : TemplateMerger.MergeSpec(stream.Spec, template?.Spec);
        var profile = merged?.Profile is null && merged?.ProfileRef?.Name is { Length: > 0 } profileName
            ? Find<TranscodeProfile>(ns, profileName)
            : null;
        return PipelineResolver.Resolve(stream, template, profile, SecretsIn(ns));
    }

    private T? Find<T>(string @namespace, string name) where T : class =>
        Objects.FirstOrDefault(o => o.Object is T && o.Namespace == @namespace && o.Name == name)?.Object as T;
}
