using System.Text.Json;
using System.Text.Json.Serialization;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

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

/// <summary>Namespace, name and uid of the LiveStream.</summary>
public sealed record StreamIdentity(string Namespace, string Name)
{
    /// <summary>The LiveStream's uid, when known (empty in standalone mode).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uid { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => Namespace + "/" + Name;
}

/// <summary>Input protocol, derived from the URL scheme.</summary>
[JsonConverter(typeof(WireEnumConverter<InputProtocol>))]
public enum InputProtocol
{
    /// <summary>RTMP.</summary>
    [JsonStringEnumMemberName("rtmp")] Rtmp,

    /// <summary>SRT.</summary>
    [JsonStringEnumMemberName("srt")] Srt,

    /// <summary>RTSP.</summary>
    [JsonStringEnumMemberName("rtsp")] Rtsp,

    /// <summary>HLS over http or https.</summary>
    [JsonStringEnumMemberName("hls")] Hls,

    /// <summary>MPEG-TS over UDP (unicast or multicast).</summary>
    [JsonStringEnumMemberName("udp")] Udp,

    /// <summary>A local file, read in real time.</summary>
    [JsonStringEnumMemberName("file")] File,
}

/// <summary>Push target protocol.</summary>
[JsonConverter(typeof(WireEnumConverter<PushProtocol>))]
public enum PushProtocol
{
    /// <summary>RTMP.</summary>
    [JsonStringEnumMemberName("rtmp")] Rtmp,

    /// <summary>RTMP over TLS.</summary>
    [JsonStringEnumMemberName("rtmps")] Rtmps,

    /// <summary>SRT caller.</summary>
    [JsonStringEnumMemberName("srt")] Srt,
}

/// <summary>One input, fully resolved.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Protocol">Protocol from the URL scheme.</param>
/// <param name="Mode">pull or listen.</param>
/// <param name="Url">The URL libavformat opens; for RTMP it ends with the stream key when one is set.</param>
/// <param name="Options">libavformat options (non-secret), e.g. listen=1, mode=listener, latency (µs).</param>
public sealed record PipelineInput(string Name, InputProtocol Protocol, InputMode Mode, string Url, ValueMap Options)
{
    /// <summary>The resolved stream key (RTMP: also the last path segment of <see cref="Url"/>; SRT: the streamid option).</summary>
    public string? StreamKey { get; init; }

    /// <summary>The resolved SRT passphrase (the passphrase option).</summary>
    public string? Passphrase { get; init; }

    /// <summary>A copy with <see cref="StreamKey"/> and <see cref="Passphrase"/> masked, in the URL too.</summary>
    public PipelineInput Redact() => this with
    {
        Url = PipelineJson.MaskIn(Url, StreamKey),
        StreamKey = StreamKey is null ? null : PipelineJson.Mask,
        Passphrase = Passphrase is null ? null : PipelineJson.Mask,
    };

    /// <summary>Redacted JSON.</summary>
    public override string ToString() => JsonSerializer.Serialize(Redact(), PipelineJson.Options(false));
}

/// <summary>Input switching timings.</summary>
/// <param name="InputTimeout">No packets for this long fails over to the next input.</param>
/// <param name="FailbackDelay">A higher-priority input must be healthy this long before switching back.</param>
public sealed record PipelineFailover(Duration InputTimeout, Duration FailbackDelay);

/// <summary>Video encoding and the ladder.</summary>
/// <param name="Codec">h264 or hevc.</param>
/// <param name="Hardware">none, nvidia, vaapi or qsv.</param>
/// <param name="Encoder">The libavcodec encoder name, e.g. libx264 or h264_nvenc.</param>
/// <param name="Preset">Encoder preset, or null where the encoder has none (vaapi).</param>
/// <param name="GopSeconds">Keyframe interval in seconds; segments are cut on keyframes.</param>
/// <param name="Renditions">The ladder, top first.</param>
public sealed record PipelineVideo(
    VideoCodec Codec, HardwareAcceleration Hardware, string Encoder, string? Preset, int GopSeconds, ValueList<PipelineRendition> Renditions);

/// <summary>One rendition. For passthrough, only <see cref="Name"/> and <see cref="Passthrough"/> are set.</summary>
public sealed record PipelineRendition(string Name)
{
    /// <summary>The source video copied without re-encoding.</summary>
    public bool Passthrough { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Frame rate; null keeps the source rate.</summary>
    public double? Fps { get; init; }

    /// <summary>Target bitrate, bits per second.</summary>
    public long? Bitrate { get; init; }

    /// <summary>VBV maximum rate, bits per second.</summary>
    public long? MaxBitrate { get; init; }

    /// <summary>VBV buffer size, bits.</summary>
    public long? BufferSize { get; init; }

    /// <summary>Codec profile.</summary>
    public VideoProfile? Profile { get; init; }

    /// <summary>Codec level, or null to let the encoder choose.</summary>
    public string? Level { get; init; }
}

/// <summary>Audio encoding.</summary>
/// <param name="Codec">aac or opus.</param>
/// <param name="Encoder">The libavcodec encoder: aac or libopus.</param>
/// <param name="Bitrate">Bits per second.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="SampleRate">Hz.</param>
public sealed record PipelineAudio(AudioCodec Codec, string Encoder, long Bitrate, int Channels, int SampleRate);

/// <summary>Outputs.</summary>
/// <param name="Hls">HLS settings.</param>
/// <param name="Dash">DASH settings.</param>
/// <param name="Push">Push targets.</param>
public sealed record PipelineOutputs(PipelineHls Hls, PipelineDash Dash, ValueList<PipelinePushTarget> Push);

/// <summary>HLS settings.</summary>
/// <param name="Enabled">Whether HLS is published.</param>
/// <param name="SegmentDuration">Target segment duration, a whole multiple of the GOP.</param>
/// <param name="Window">Segments in the live playlist.</param>
/// <param name="Container">fmp4 or ts.</param>
public sealed record PipelineHls(bool Enabled, Duration SegmentDuration, int Window, HlsContainer Container);

/// <summary>DASH settings.</summary>
/// <param name="Enabled">Whether DASH is published.</param>
/// <param name="SegmentDuration">Segment duration (the HLS one).</param>
/// <param name="Window">Segments in the MPD's time-shift window.</param>
public sealed record PipelineDash(bool Enabled, Duration SegmentDuration, int Window);

/// <summary>One push target, fully resolved.</summary>
/// <param name="Name">Target name.</param>
/// <param name="Protocol">rtmp, rtmps or srt.</param>
/// <param name="Url">The URL libavformat opens; for RTMP(S) it ends with the stream key.</param>
/// <param name="Rendition">Name of the rendition pushed.</param>
/// <param name="Options">libavformat options (non-secret), e.g. SRT latency in µs.</param>
public sealed record PipelinePushTarget(string Name, PushProtocol Protocol, string Url, string Rendition, ValueMap Options)
{
    /// <summary>True when <see cref="Rendition"/> is the passthrough rendition (source copied).</summary>
    public bool Passthrough { get; init; }

    /// <summary>The resolved stream key (RTMP: also the last path segment of <see cref="Url"/>; SRT: the streamid option).</summary>
    public string? StreamKey { get; init; }

    /// <summary>The resolved SRT passphrase.</summary>
    public string? Passphrase { get; init; }

    /// <summary>A copy with <see cref="StreamKey"/> and <see cref="Passphrase"/> masked, in the URL too.</summary>
    public PipelinePushTarget Redact() => this with
    {
        Url = PipelineJson.MaskIn(Url, StreamKey),
        StreamKey = StreamKey is null ? null : PipelineJson.Mask,
        Passphrase = Passphrase is null ? null : PipelineJson.Mask,
    };

    /// <summary>Redacted JSON.</summary>
    public override string ToString() => JsonSerializer.Serialize(Redact(), PipelineJson.Options(false));
}

/// <summary>JSON settings for <see cref="PipelineSpec"/>: camelCase, nulls omitted, enums by wire name.</summary>
public static class PipelineJson
{
    /// <summary>What secrets are replaced with in redacted output.</summary>
    public const string Mask = "****";

    private static readonly JsonSerializerOptions Compact = Create(false);
    private static readonly JsonSerializerOptions Indented = Create(true);

    /// <summary>The shared options, indented or not.</summary>
    public static JsonSerializerOptions Options(bool indented) => indented ? Indented : Compact;

    /// <summary>Replaces every occurrence of <paramref name="secret"/> in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public static string MaskIn(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
