using k8s.Models;
using Ladder.Api.Resolution;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;
using Ladder.ControllerRuntime;
using Ladder.Operator.Builders;
using Ladder.Operator.Secrets;
using Ladder.Operator.Status;

namespace Ladder.Operator.Controllers;

/// <summary>
/// Resolves a LiveStream from the informer caches into <see cref="RunnerInputs"/>, or explains why it cannot
/// (<see cref="Stall"/>): a missing Template or TranscodeProfile, a missing Secret or key, or an invalid spec, each with a
/// message naming the field. Reads caches only; no API calls: the stream's own Secret (the <c>existingSecret</c> argument) comes from the reconciler, which reads it from the API when the cache does not have it yet.
/// </summary>
internal static class StreamResolution
{
    /// <summary>The inputs of the builders, or the stall.</summary>
    /// <param name="stream">The LiveStream from the cache.</param>
    /// <param name="cache">The informer caches (Templates, profiles, referenced Secrets).</param>
    /// <param name="existingSecret">The stream's Secret as stored (its admin token and last PipelineSpec are kept), or null when it does not exist.</param>
    public static (RunnerInputs? Inputs, Stall? Stall) Resolve(LiveStream stream, OperatorInformers cache, V1Secret? existingSecret)
    {
        var ns = stream.Metadata.NamespaceProperty!;
        if (stream.Spec is null)
        {
            return (null, new Stall(ConditionReasons.InvalidSpec, "spec: required"));
        }

        Template? template = null;
        if (stream.Spec.TemplateRef?.Name is { Length: > 0 } templateName)
        {
            template = cache.Templates.Store.Get(new ObjectKey(ns, templateName));
            if (template is null)
            {
                return (null, new Stall(ConditionReasons.TemplateNotFound, $"spec.templateRef.name: Template \"{templateName}\" not found in namespace \"{ns}\""));
            }
        }

        var spec = TemplateMerger.MergeSpec(stream.Spec, template?.Spec);
        TranscodeProfile? profile = null;
        if (spec.Profile is null && spec.ProfileRef?.Name is { Length: > 0 } profileName)
        {
            profile = cache.Profiles.Store.Get(new ObjectKey(ns, profileName));
            if (profile is null)
            {
                var inherited = stream.Spec.ProfileRef is null ? $" (inherited from Template \"{template?.Metadata.Name}\")" : "";
                return (null, new Stall(ConditionReasons.ProfileNotFound, $"spec.profileRef.name: TranscodeProfile \"{profileName}\" not found in namespace \"{ns}\"{inherited}"));
            }
        }

        var secrets = new StoreSecretSource(cache.Secrets.Store, ns);
        var stored = RunnerSecretBuilder.PipelineFrom(existingSecret);
        try
        {
            var resolved = PipelineResolver.Resolve(stream, template, profile, secrets, stored?.Generation ?? 1);
            var pipeline = resolved with { Generation = RunnerSecretBuilder.NextGeneration(stored, resolved) };
            return (new RunnerInputs(stream, spec, pipeline, RunnerSecretBuilder.TokenFrom(existingSecret)), null);
        }
        catch (SpecResolutionException e)
        {
            var reason = secrets.Missing.Count > 0 ? ConditionReasons.SecretNotFound : ConditionReasons.InvalidSpec;
            return (null, new Stall(reason, e.Message));
        }
    }
}
