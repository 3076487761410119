using System.Text.Json;
using Ladder.Api.Primitives;

namespace Ladder.Api.Pipeline;

/// <summary>
/// The resolved, self-contained description of one stream's pipeline: what the runner executes. Every
/// default is applied and every reference (Template, TranscodeProfile, Secrets) is resolved, so the runner
/// needs nothing else. Produced by <see cref="Resolution.PipelineResolver"/>; the operator stores it in a
/// Secret because it holds stream keys.
/// </summary>
/// <remarks>
/// Records compare by value, lists and maps included (<see cref="ValueList{T}"/>, <see cref="ValueMap"/>),
/// so two specs, or any two parts of them, can be compared with <c>==</c>. <see cref="ToString"/> and
/// <see cref="ToRedactedJson"/> mask stream keys and passphrases; only <see cref="ToJson"/> writes them.
/// </remarks>
public sealed record PipelineSpec
{
    /// <summary>The format version this library writes and reads.</summary>
    public const string CurrentApiVersion = "ladder.dev/pipeline-v1";

    /// <summary>Format version: <see cref="CurrentApiVersion"/>.</summary>
    public string ApiVersion { get; init; } = CurrentApiVersion;

    /// <summary>Increases with every change the runner must apply; the runner reports the one it executes.</summary>
    public required long Generation { get; init; }

    /// <summary>Which LiveStream this pipeline belongs to.</summary>
    public required StreamIdentity Stream { get; init; }

    /// <summary>True when the stream is paused: the runner stops publishing.</summary>
    public bool Paused { get; init; }

    /// <summary>Inputs in priority order (index 0 is the primary).</summary>
    public required ValueList<PipelineInput> Inputs { get; init; }

    /// <summary>Input switching timings.</summary>
    public required PipelineFailover Failover { get; init; }

    /// <summary>Video encoding and the ladder.</summary>
    public required PipelineVideo Video { get; init; }

    /// <summary>Audio encoding.</summary>
    public required PipelineAudio Audio { get; init; }

    /// <summary>HLS, DASH and push outputs.</summary>
    public required PipelineOutputs Outputs { get; init; }

    /// <summary>Serializes with secrets (for the runner and the operator's Secret only). Indented by default.</summary>
    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, PipelineJson.Options(indented));

    /// <summary>Serializes with stream keys and passphrases masked: safe for logs and events.</summary>
    public string ToRedactedJson(bool indented = true) => JsonSerializer.Serialize(Redact(), PipelineJson.Options(indented));

    /// <summary>A copy with every stream key and passphrase replaced by <see cref="PipelineJson.Mask"/>.</summary>
    public PipelineSpec Redact() => this with
    {
        Inputs = Inputs.Select(i => i.Redact()).ToValueList(),
        Outputs = Outputs with { Push = Outputs.Push.Select(p => p.Redact()).ToValueList() },
    };

    /// <summary>Reads a spec written by <see cref="ToJson"/>; throws <see cref="JsonException"/> on an unknown apiVersion or a missing field.</summary>
    public static PipelineSpec FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a PipelineSpec must be a JSON object");
        }
        var version = doc.RootElement.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (version != CurrentApiVersion)
        {
            throw new JsonException($"PipelineSpec apiVersion \"{version}\" is not supported; this runner reads {CurrentApiVersion}");
        }
        return doc.RootElement.Deserialize<PipelineSpec>(PipelineJson.Options(false))
            ?? throw new JsonException("a PipelineSpec must be a JSON object");
    }

    /// <summary>The redacted JSON on one line.</summary>
    public override string ToString() => ToRedactedJson(indented: false);
}
