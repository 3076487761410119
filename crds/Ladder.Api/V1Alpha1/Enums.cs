using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.V1Alpha1;

/// <summary>Video codec of the encoded renditions.</summary>
[JsonConverter(typeof(WireEnumConverter<VideoCodec>))]
public enum VideoCodec
{
    /// <summary>H.264 / AVC.</summary>
    [JsonStringEnumMemberName("h264")] H264,

    /// <summary>H.265 / HEVC.</summary>
    [JsonStringEnumMemberName("hevc")] Hevc,
}

/// <summary>Where video is decoded, scaled and encoded.</summary>
[JsonConverter(typeof(WireEnumConverter<HardwareAcceleration>))]
public enum HardwareAcceleration
{
    /// <summary>Software (libx264 / libx265).</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>NVIDIA NVDEC/NVENC (h264_nvenc / hevc_nvenc); the runner pod needs an <c>nvidia.com/gpu</c>.</summary>
    [JsonStringEnumMemberName("nvidia")] Nvidia,

    /// <summary>VA-API (h264_vaapi / hevc_vaapi) on Intel or AMD GPUs through <c>/dev/dri</c>.</summary>
    [JsonStringEnumMemberName("vaapi")] Vaapi,

    /// <summary>Intel Quick Sync (h264_qsv / hevc_qsv).</summary>
    [JsonStringEnumMemberName("qsv")] Qsv,
}

/// <summary>Codec profile of a rendition.</summary>
[JsonConverter(typeof(WireEnumConverter<VideoProfile>))]
public enum VideoProfile
{
    /// <summary>H.264 Constrained Baseline (no B-frames): old phones, lowest decode cost.</summary>
    [JsonStringEnumMemberName("baseline")] Baseline,

    /// <summary>H.264 Main, or HEVC Main (8-bit).</summary>
    [JsonStringEnumMemberName("main")] Main,

    /// <summary>H.264 High.</summary>
    [JsonStringEnumMemberName("high")] High,

    /// <summary>HEVC Main 10 (10-bit).</summary>
    [JsonStringEnumMemberName("main10")] Main10,
}

/// <summary>Audio codec.</summary>
[JsonConverter(typeof(WireEnumConverter<AudioCodec>))]
public enum AudioCodec
{
    /// <summary>AAC-LC.</summary>
    [JsonStringEnumMemberName("aac")] Aac,

    /// <summary>Opus (48 kHz only).</summary>
    [JsonStringEnumMemberName("opus")] Opus,
}

/// <summary>Container of HLS media segments.</summary>
[JsonConverter(typeof(WireEnumConverter<HlsContainer>))]
public enum HlsContainer
{
    /// <summary>Fragmented MP4 (CMAF): the same segments serve DASH.</summary>
    [JsonStringEnumMemberName("fmp4")] Fmp4,

    /// <summary>MPEG-2 transport stream, for old players.</summary>
    [JsonStringEnumMemberName("ts")] Ts,
}

/// <summary>Whether the runner connects to the source or waits for it.</summary>
[JsonConverter(typeof(WireEnumConverter<InputMode>))]
public enum InputMode
{
    /// <summary>The runner connects to the URL and reads (RTMP/SRT caller, RTSP, HLS, multicast UDP, file).</summary>
    [JsonStringEnumMemberName("pull")] Pull,

    /// <summary>The runner listens on the URL's port and the encoder pushes to it (RTMP server, SRT listener, unicast UDP).</summary>
    [JsonStringEnumMemberName("listen")] Listen,
}

/// <summary>Lifecycle phase of a LiveStream.</summary>
[JsonConverter(typeof(WireEnumConverter<LiveStreamPhase>))]
public enum LiveStreamPhase
{
    /// <summary>Accepted; waiting for its profile, template, secrets or a runner pod.</summary>
    [JsonStringEnumMemberName("Pending")] Pending,

    /// <summary>The runner is starting or waiting for the first input.</summary>
    [JsonStringEnumMemberName("Starting")] Starting,

    /// <summary>Publishing from the primary (highest-priority healthy) input.</summary>
    [JsonStringEnumMemberName("Live")] Live,

    /// <summary>Publishing, but from a backup input or with an output failing.</summary>
    [JsonStringEnumMemberName("Degraded")] Degraded,

    /// <summary>Not publishing: the spec cannot be resolved or the runner keeps failing.</summary>
    [JsonStringEnumMemberName("Failed")] Failed,

    /// <summary><c>spec.paused</c> is true: no runner pod.</summary>
    [JsonStringEnumMemberName("Paused")] Paused,
}

/// <summary>Why the runner switched inputs.</summary>
[JsonConverter(typeof(WireEnumConverter<FailoverReason>))]
public enum FailoverReason
{
    /// <summary>No packets from the active input within <c>failover.inputTimeout</c>.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>The active input failed (connection closed, demux or decode error).</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>Requested by an operator.</summary>
    [JsonStringEnumMemberName("manual")] Manual,

    /// <summary>A higher-priority input was healthy for <c>failover.failbackDelay</c>.</summary>
    [JsonStringEnumMemberName("failback")] Failback,
}

/// <summary>Wire names of enum values (<see cref="JsonStringEnumMemberNameAttribute"/>).</summary>
public static class WireEnum
{
    /// <summary>The wire name of <paramref name="value"/>, e.g. <c>h264</c>.</summary>
    public static string ToWire<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.ToWire[value];

    /// <summary>All wire names of <typeparamref name="TEnum"/> in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    /// <summary>All wire names of an enum type in declaration order.</summary>
    public static IReadOnlyList<string> Names(Type enumType) =>
        [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken).Select(WireName)];

    /// <summary>Parses a wire name (case-sensitive).</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Cache<TEnum>.FromWire.TryGetValue(text ?? "", out value);

    /// <summary>"a, b or c" for messages.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => JoinOr(Names<TEnum>());

    /// <summary>Joins names as "a, b or c".</summary>
    public static string JoinOr(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

    private static string WireName(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ToWire = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .ToDictionary(f => (TEnum)f.GetValue(null)!, WireName);

        public static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Names = [.. ToWire.Values];
    }
}

/// <summary>Reads and writes an enum by its wire name; an unknown value fails with the list of allowed ones.</summary>
public sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string: {WireEnum.Choices<TEnum>()}");
        }
        var text = reader.GetString();
        return WireEnum.TryParse<TEnum>(text, out var value)
            ? value
            : throw new JsonException($"unsupported value \"{text}\"; use {WireEnum.Choices<TEnum>()}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireEnum.ToWire(value));
}
