using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;

namespace Ladder.Operator.Builders;

/// <summary>
/// The stream's Secret: the resolved PipelineSpec JSON (with stream keys, hence a Secret and never a ConfigMap) under
/// <see cref="RunnerAdminApi.PipelineSecretKey"/>, and the runner admin token under <see cref="RunnerAdminApi.TokenSecretKey"/>.
/// Also decides the pipeline generation and keeps the token stable across reconciles.
/// </summary>
internal static class RunnerSecretBuilder
{
    /// <summary>Builds the Secret.</summary>
    public static V1Secret Build(RunnerInputs inputs) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = OwnerReferences.OwnedMetadata(inputs.Stream, RunnerLabels.SecretName(inputs.Stream), new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [RunnerLabels.PipelineGenerationAnnotation] = inputs.Pipeline.Generation.ToString(CultureInfo.InvariantCulture),
        }),
        Type = "Opaque",
        Data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [RunnerAdminApi.PipelineSecretKey] = Encoding.UTF8.GetBytes(inputs.Pipeline.ToJson()),
            [RunnerAdminApi.TokenSecretKey] = Encoding.UTF8.GetBytes(inputs.AdminToken),
        },
    };

    /// <summary>The token in <paramref name="existing"/>, or a new random one (32 bytes, hex) when there is none.</summary>
    public static string TokenFrom(V1Secret? existing) =>
        existing?.Data?.TryGetValue(RunnerAdminApi.TokenSecretKey, out var token) == true && token.Length > 0
            ? Encoding.UTF8.GetString(token)
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The PipelineSpec stored in <paramref name="existing"/>, or null when absent or unreadable.</summary>
    public static PipelineSpec? PipelineFrom(V1Secret? existing)
    {
        if (existing?.Data?.TryGetValue(RunnerAdminApi.PipelineSecretKey, out var json) != true)
        {
            return null;
        }

        try
        {
            return PipelineSpec.FromJson(Encoding.UTF8.GetString(json!));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The generation for <paramref name="resolved"/>: the stored spec's when nothing else differs (so an unchanged
    /// stream keeps its generation), one more when something does, 1 for a first spec. A profile, Template or Secret
    /// change moves it as well as a LiveStream edit, which is why it is not <c>metadata.generation</c>.
    /// </summary>
    public static long NextGeneration(PipelineSpec? stored, PipelineSpec resolved)
    {
        if (stored is null)
        {
            return 1;
        }

        return stored with { Generation = 0 } == resolved with { Generation = 0 } ? stored.Generation : stored.Generation + 1;
    }
}
