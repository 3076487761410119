using System.Globalization;
using System.Text;
using Ladder.Api.Pipeline;
using Ladder.Pipeline.Secrets;

namespace Ladder.Pipeline.Push;

/// <summary>
/// What a push destination opens: the URL, the muxer and the protocol options, plus the secrets to mask in anything
/// shown. RTMP and RTMPS carry FLV (<c>rtmps://</c> is FFmpeg's RTMP over TLS); SRT carries MPEG-TS as a caller with
/// its options in the URL query (<c>srt://host:port?latency=200000&amp;mode=caller&amp;pkt_size=1316&amp;streamid=KEY</c>)
/// and the passphrase as the <c>passphrase</c> AVOption (libsrt URL-decodes <c>streamid</c> but not <c>passphrase</c>):
/// FFmpeg 5.1's libsrt protocol takes <c>latency</c> in microseconds (it divides by 1000 for libsrt's
/// <c>SRTO_LATENCY</c> in milliseconds) and sends 1316-byte payloads (<c>pkt_size</c>, seven TS packets). UDP carries
/// MPEG-TS in 1316-byte datagrams too, with the target's options (<c>ttl</c>, <c>pkt_size</c>, <c>localaddr</c>) in
/// the URL query (<c>udp://239.1.1.1:5000?ttl=4&amp;pkt_size=1316</c>); it has no secrets.
/// </summary>
/// <param name="Url">The URL given to <c>avio_open2</c>; holds secrets, never show it.</param>
/// <param name="Format">The muxer: <c>flv</c> or <c>mpegts</c>.</param>
/// <param name="Options">Protocol options for <c>avio_open2</c> (RTMP(S): the target's options; SRT: the passphrase, the rest is in the URL; UDP: none, all in the URL).</param>
/// <param name="Masker">Masks the stream key and passphrase in texts (<see cref="Mask"/>).</param>
public sealed record PushEndpoint(string Url, string Format, IReadOnlyDictionary<string, string> Options, SecretMasker Masker)
{
    /// <summary>The SRT and UDP payload size in bytes: seven 188-byte TS packets.</summary>
    public const int SrtPayloadSize = 1316;

    /// <summary>Maps a resolved target to what to open.</summary>
    /// <param name="target">The target; its <see cref="PipelinePushTarget.Url"/> already ends with the key for RTMP(S).</param>
    /// <exception cref="NotSupportedException">The protocol is not one this runner pushes.</exception>
    public static PushEndpoint For(PipelinePushTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var secrets = SecretMasker.Of([target.StreamKey, target.Passphrase]);
        switch (target.Protocol)
        {
            case PushProtocol.Rtmp:
            case PushProtocol.Rtmps:
                return new PushEndpoint(target.Url, "flv", new Dictionary<string, string>(target.Options, StringComparer.Ordinal), secrets);
            case PushProtocol.Srt:
                var query = new List<KeyValuePair<string, string>>();
                foreach (var (key, value) in target.Options)
                {
                    query.Add(new(key, value));
                }
                if (!target.Options.ContainsKey("mode"))
                {
                    query.Add(new("mode", "caller"));
                }
                if (!target.Options.ContainsKey("pkt_size"))
                {
                    query.Add(new("pkt_size", SrtPayloadSize.ToString(CultureInfo.InvariantCulture)));
                }
                if (!string.IsNullOrEmpty(target.StreamKey))
                {
                    query.Add(new("streamid", target.StreamKey));
                }
                // libsrt URL-decodes streamid but not passphrase: the passphrase goes as an AVOption.
                var options = new Dictionary<string, string>(StringComparer.Ordinal);
                if (!string.IsNullOrEmpty(target.Passphrase))
                {
                    options["passphrase"] = target.Passphrase;
                }
                return new PushEndpoint(AppendQuery(target.Url, query), "mpegts", options, secrets);
            case PushProtocol.Udp:
                var udpQuery = target.Options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)).ToList();
                if (!target.Options.ContainsKey("pkt_size"))
                {
                    udpQuery.Add(new("pkt_size", SrtPayloadSize.ToString(CultureInfo.InvariantCulture)));
                }
                return new PushEndpoint(AppendQuery(target.Url, udpQuery), "mpegts", new Dictionary<string, string>(StringComparer.Ordinal), secrets);
            default:
                throw new NotSupportedException($"push protocol {target.Protocol} is not supported; use rtmp, rtmps, srt or udp");
        }
    }

    /// <summary><see cref="Url"/> with the secrets masked, for status and logs.</summary>
    public string MaskedUrl => Mask(Url);

    /// <summary>Replaces every secret of this endpoint in <paramref name="text"/> (an FFmpeg error echoing the URL, say) with <see cref="PipelineJson.Mask"/>.</summary>
    /// <param name="text">Any text.</param>
    public string Mask(string text) => Masker.Mask(text);

    private static string AppendQuery(string url, List<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            return url;
        }
        var builder = new StringBuilder(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (key, value) in query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return builder.ToString();
    }
}
