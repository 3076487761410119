using System.Text.RegularExpressions;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Rules and messages shared by the validators and the resolver, so both say the same thing.</summary>
public static partial class SpecRules
{
    /// <summary>URL schemes an input may use, in the order messages list them.</summary>
    public static IReadOnlyList<string> InputSchemes { get; } = ["rtmp", "srt", "rtsp", "http", "https", "udp", "file"];

    /// <summary>URL schemes a push target may use.</summary>
    public static IReadOnlyList<string> PushSchemes { get; } = ["rtmp", "rtmps", "srt", "udp"];

    /// <summary>libavformat udp protocol options a udp:// push target may set in its URL query.</summary>
    public static IReadOnlyList<string> UdpPushOptions { get; } = ["ttl", "pkt_size", "localaddr"];

    /// <summary>URL query parameters that carry secrets and so are refused in URLs.</summary>
    public static IReadOnlyList<string> SecretQueryParameters { get; } = ["passphrase", "streamid", "key", "streamkey"];

    /// <summary>Software (libx264/libx265) and QSV presets.</summary>
    public static IReadOnlyList<string> X264Presets { get; } = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    /// <summary>NVENC presets (p1 fastest to p7 best).</summary>
    public static IReadOnlyList<string> NvencPresets { get; } = ["p1", "p2", "p3", "p4", "p5", "p6", "p7"];

    /// <summary>Audio sample rates accepted.</summary>
    public static IReadOnlyList<int> SampleRates { get; } = [8000, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000];

    /// <summary>Lower-case letters, digits and '-', starting and ending with a letter or digit.</summary>
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public static partial Regex DnsLabel();

    /// <summary>A DNS-1035 label without its length limit: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (Service names).</summary>
    [GeneratedRegex(V1Alpha1.LiveStream.NamePattern)]
    public static partial Regex Dns1035Label();

    /// <summary>A DNS-1123 subdomain (Kubernetes object names).</summary>
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    public static partial Regex DnsSubdomain();

    /// <summary>libavformat option names.</summary>
    [GeneratedRegex("^[a-z0-9_]+$")]
    public static partial Regex OptionName();

    /// <summary>Why <paramref name="name"/> is not a valid list item name (at most <paramref name="maxLength"/>), or null.</summary>
    public static string? CheckItemName(string? name, int maxLength = 32)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "required";
        }
        if (name.Length > maxLength || !DnsLabel().IsMatch(name))
        {
            return $"\"{name}\" is not a valid name; use lower-case letters, digits and '-', starting and ending with a letter or digit, at most {maxLength} characters";
        }
        return null;
    }

    /// <summary>The encoder libavcodec uses for the codec and acceleration.</summary>
    public static string VideoEncoder(VideoCodec codec, HardwareAcceleration hardware) => (codec, hardware) switch
    {
        (VideoCodec.H264, HardwareAcceleration.None) => "libx264",
        (VideoCodec.Hevc, HardwareAcceleration.None) => "libx265",
        (VideoCodec.H264, HardwareAcceleration.Nvidia) => "h264_nvenc",
        (VideoCodec.Hevc, HardwareAcceleration.Nvidia) => "hevc_nvenc",
        (VideoCodec.H264, HardwareAcceleration.Vaapi) => "h264_vaapi",
        (VideoCodec.Hevc, HardwareAcceleration.Vaapi) => "hevc_vaapi",
        (VideoCodec.H264, HardwareAcceleration.Qsv) => "h264_qsv",
        _ => "hevc_qsv",
    };

    /// <summary>The presets the encoder accepts (empty: it has none).</summary>
    public static IReadOnlyList<string> Presets(HardwareAcceleration hardware) => hardware switch
    {
        HardwareAcceleration.Nvidia => NvencPresets,
        HardwareAcceleration.Vaapi => [],
        _ => X264Presets,
    };

    /// <summary>The default preset: veryfast (software, qsv), p4 (nvidia), none (vaapi).</summary>
    public static string? DefaultPreset(HardwareAcceleration hardware) => hardware switch
    {
        HardwareAcceleration.Nvidia => "p4",
        HardwareAcceleration.Vaapi => null,
        _ => "veryfast",
    };

    /// <summary>The default codec profile: high (h264), main (hevc).</summary>
    public static VideoProfile DefaultProfile(VideoCodec codec) => codec == VideoCodec.Hevc ? VideoProfile.Main : VideoProfile.High;

    /// <summary>The profiles valid for a codec.</summary>
    public static IReadOnlyList<VideoProfile> Profiles(VideoCodec codec) =>
        codec == VideoCodec.Hevc ? [VideoProfile.Main, VideoProfile.Main10] : [VideoProfile.Baseline, VideoProfile.Main, VideoProfile.High];

    /// <summary>maxBitrate default: bitrate x 1.07.</summary>
    public static Bitrate DefaultMaxBitrate(Bitrate bitrate) => bitrate.Scale(Defaults.MaxBitrateFactor);

    /// <summary>bufferSize default: bitrate x 1.5.</summary>
    public static Bitrate DefaultBufferSize(Bitrate bitrate) => bitrate.Scale(Defaults.BufferSizeFactor);

    /// <summary>Parses an absolute URL; null when it is not one.</summary>
    public static Uri? ParseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && url.Contains("://", StringComparison.Ordinal) ? uri : null;

    /// <summary>The scheme of <paramref name="url"/> (text before <c>://</c>, lower-cased), or null.</summary>
    public static string? SchemeOf(string url)
    {
        var i = url.IndexOf("://", StringComparison.Ordinal);
        return i <= 0 ? null : url[..i].ToLowerInvariant();
    }

    /// <summary>Why the URL is not acceptable for an input or push target, or null. Checks scheme, form and secrets.</summary>
    public static string? CheckUrl(string? url, IReadOnlyList<string> schemes)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "required";
        }
        var scheme = SchemeOf(url);
        if (scheme is null)
        {
            return $"\"{url}\" is not a URL; use {WireEnum.JoinOr(schemes)}://...";
        }
        if (!schemes.Contains(scheme))
        {
            return $"scheme \"{scheme}\" is not supported; use {WireEnum.JoinOr(schemes)}";
        }
        if (url.Length > 2048)
        {
            return "must be at most 2048 characters";
        }
        var uri = ParseUrl(url);
        if (uri is null || (scheme != "file" && string.IsNullOrEmpty(uri.Host) && uri.Port <= 0))
        {
            return $"\"{url}\" is not a valid URL";
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=', 2)[0].ToLowerInvariant();
            if (SecretQueryParameters.Contains(name))
            {
                return name == "passphrase"
                    ? "contains a secret (passphrase=); put it in a Secret and use srt.passphrase.secretKeyRef"
                    : $"contains a secret ({name}=); put the stream key in a Secret and use streamKey.secretKeyRef";
            }
        }
        return null;
    }

    /// <summary>True for hosts that mean "listen on every address": 0.0.0.0, ::, or none.</summary>
    public static bool IsWildcardHost(string host) => host is "" or "0.0.0.0" or "::" or "[::]";

    /// <summary>Why the HLS segment duration does not suit the GOP, or null.</summary>
    /// <param name="segment">The segment duration.</param>
    /// <param name="gopSeconds">The GOP in seconds; callers validate it (1 to 10) first.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gopSeconds"/> is below 1.</exception>
    public static string? CheckSegmentDuration(Duration segment, int gopSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gopSeconds, 1);
        var gopMs = gopSeconds * 1000L;
        var ms = (long)Math.Round(segment.TotalMilliseconds);
        if (ms < 1000 || ms > 30_000)
        {
            return $"{segment} is out of range; use 1s to 30s";
        }
        if (ms % gopMs != 0)
        {
            var lower = Math.Max(1, ms / gopMs) * gopSeconds;
            var upper = (ms / gopMs + 1) * gopSeconds;
            var hint = lower == upper || ms < gopMs ? $"use {upper}s" : $"use {lower}s or {upper}s";
            return $"{segment} is not a whole multiple of the GOP ({gopSeconds}s); segments are cut on keyframes, so {hint}";
        }
        return null;
    }

    /// <summary>
    /// Why a CMAF chunk duration (a Low-Latency HLS part target, or a low-latency DASH chunk) does not suit the
    /// segments, or null: 100ms to 1s (a chunk is a few frames) and at most half the segment duration (RFC 8216bis
    /// section 4.4.3.7: each segment is made of parts no longer than <c>PART-TARGET</c>).
    /// </summary>
    /// <param name="part">The part target or chunk duration.</param>
    /// <param name="segment">The segment duration, or null when not known yet.</param>
    public static string? CheckPartTargetDuration(Duration part, Duration? segment)
    {
        if (part < Duration.FromMilliseconds(100) || part > Duration.FromSeconds(1))
        {
            return $"{part} is out of range; use 100ms to 1s";
        }
        if (segment is Duration seg && part.TotalMilliseconds * 2 > seg.TotalMilliseconds)
        {
            return $"{part} is more than half the segment duration ({seg}); use at most {Duration.FromMilliseconds(seg.TotalMilliseconds / 2)}";
        }
        return null;
    }

    /// <summary>Why a low-latency DASH latency target (<c>ServiceDescription/Latency@target</c>) is refused, or null: 1s to 30s.</summary>
    /// <param name="latency">The target latency.</param>
    public static string? CheckTargetLatency(Duration latency) =>
        latency < Duration.FromSeconds(1) || latency > Duration.FromSeconds(30) ? $"{latency} is out of range; use 1s to 30s" : null;

    /// <summary>Why a low-latency DASH chunk duration cannot be cut when Low-Latency HLS is on too, or null: both read the same CMAF chunks.</summary>
    /// <param name="chunk">The DASH chunk duration.</param>
    /// <param name="part">The HLS part target duration.</param>
    public static string? CheckChunkMatchesPart(Duration chunk, Duration part) =>
        chunk == part
            ? null
            : $"{chunk} differs from hls.lowLatency.partTargetDuration ({part}); both are cut from the same CMAF chunks, so leave chunkDuration out or set it to {part}";

    /// <summary>Why the push target's rendition does not exist, or null.</summary>
    public static string? CheckPushRendition(string rendition, IReadOnlyList<string> renditionNames) =>
        renditionNames.Contains(rendition)
            ? null
            : $"no rendition \"{rendition}\" in the profile; use {WireEnum.JoinOr(renditionNames)}";

    /// <summary>"a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
