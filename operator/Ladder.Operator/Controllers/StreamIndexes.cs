using k8s;
using k8s.Models;
using Ladder.Api.V1Alpha1;
using Ladder.ControllerRuntime;
using Ladder.ControllerRuntime.Cache;

namespace Ladder.Operator.Controllers;

/// <summary>
/// The informer indexes that map a changed TranscodeProfile, Template or Secret to the LiveStreams it affects, directly
/// or through a Template (a stream inherits its Template's profileRef and inputs). Index values are <c>namespace/name</c>.
/// </summary>
internal static class StreamIndexes
{
    /// <summary>LiveStreams and Templates by <c>spec.profileRef.name</c>.</summary>
    public const string ProfileRef = "spec.profileRef";

    /// <summary>LiveStreams by <c>spec.templateRef.name</c>.</summary>
    public const string TemplateRef = "spec.templateRef";

    /// <summary>LiveStreams and Templates by every Secret their inputs and push targets reference (stream keys, passphrases).</summary>
    public const string SecretRefs = "spec.secretRefs";

    /// <summary>Adds the indexes to the stores.</summary>
    public static void AddTo(Store<LiveStream> streams, Store<Template> templates)
    {
        streams.AddIndexer(ProfileRef, s => Ref(s, s.Spec?.ProfileRef?.Name));
        streams.AddIndexer(TemplateRef, s => Ref(s, s.Spec?.TemplateRef?.Name));
        streams.AddIndexer(SecretRefs, s => SecretNames(s.Spec).Select(n => Key(s, n)));
        templates.AddIndexer(ProfileRef, t => Ref(t, t.Spec?.ProfileRef?.Name));
        templates.AddIndexer(SecretRefs, t => SecretNames(t.Spec).Select(n => Key(t, n)));
    }

    /// <summary>The streams using <paramref name="profile"/>, directly or through a Template.</summary>
    public static IEnumerable<ObjectKey> StreamsUsingProfile(Store<LiveStream> streams, Store<Template> templates, IKubernetesObject<V1ObjectMeta> profile)
    {
        var key = Key(profile, profile.Metadata.Name!);
        var direct = streams.ByIndex(ProfileRef, key);
        var inherited = templates.ByIndex(ProfileRef, key).SelectMany(t => streams.ByIndex(TemplateRef, Key(t, t.Metadata.Name!)))
            .Where(s => s.Spec?.ProfileRef is null && s.Spec?.Profile is null);
        return direct.Concat(inherited).Select(ObjectKey.From).Distinct();
    }

    /// <summary>The profiles and Templates a stream references (its own, and its Template's profile), as keys.</summary>
    public static IEnumerable<ObjectKey> References(LiveStream stream, Store<Template> templates, bool profiles)
    {
        var ns = stream.Metadata.NamespaceProperty;
        var templateName = stream.Spec?.TemplateRef?.Name;
        if (!profiles)
        {
            return string.IsNullOrEmpty(templateName) ? [] : [new ObjectKey(ns, templateName)];
        }

        var profile = stream.Spec?.Profile is not null ? null : stream.Spec?.ProfileRef?.Name
            ?? (string.IsNullOrEmpty(templateName) ? null : templates.Get(new ObjectKey(ns, templateName))?.Spec?.ProfileRef?.Name);
        return string.IsNullOrEmpty(profile) ? [] : [new ObjectKey(ns, profile)];
    }

    /// <summary>The streams inheriting from <paramref name="template"/>.</summary>
    public static IEnumerable<ObjectKey> StreamsUsingTemplate(Store<LiveStream> streams, IKubernetesObject<V1ObjectMeta> template) =>
        streams.ByIndex(TemplateRef, Key(template, template.Metadata.Name!)).Select(ObjectKey.From);

    /// <summary>The streams referencing <paramref name="secret"/>, directly or through a Template.</summary>
    public static IEnumerable<ObjectKey> StreamsUsingSecret(Store<LiveStream> streams, Store<Template> templates, IKubernetesObject<V1ObjectMeta> secret)
    {
        var key = Key(secret, secret.Metadata.Name!);
        var direct = streams.ByIndex(SecretRefs, key);
        var inherited = templates.ByIndex(SecretRefs, key).SelectMany(t => streams.ByIndex(TemplateRef, Key(t, t.Metadata.Name!)));
        return direct.Concat(inherited).Select(ObjectKey.From).Distinct();
    }

    /// <summary>The Secret names a spec references.</summary>
    public static IEnumerable<string> SecretNames(LiveStreamSpecBase? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var sources = (spec.Inputs ?? []).SelectMany(i => new[] { i.StreamKey, i.Srt?.Passphrase })
            .Concat((spec.Outputs?.Push ?? []).SelectMany(p => new[] { p.StreamKey, p.Srt?.Passphrase }));
        return sources.Select(s => s?.SecretKeyRef?.Name).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Ref(IKubernetesObject<V1ObjectMeta> obj, string? name) => string.IsNullOrEmpty(name) ? [] : [Key(obj, name)];

    private static string Key(IKubernetesObject<V1ObjectMeta> obj, string name) => obj.Metadata.NamespaceProperty + "/" + name;
}
