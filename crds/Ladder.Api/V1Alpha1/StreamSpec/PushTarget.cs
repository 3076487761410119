using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>A push destination, e.g. a streaming platform's ingest.</summary>
[CelRule("!has(self.srt) || self.url.startsWith('srt://')", "srt settings apply only to srt:// targets", FieldPath = ".srt", Reason = CelReason.FieldValueForbidden)]
[CelRule("!has(self.streamKey) || !self.url.startsWith('udp://')", "streamKey.secretKeyRef does not apply to udp:// targets: UDP carries no stream key",
    FieldPath = ".streamKey", Reason = CelReason.FieldValueForbidden)]
public sealed class PushTarget
{
    /// <summary>Target name, unique in the stream (e.g. youtube, twitch).</summary>
    [Required]
    [MaxLength(32)]
    [Pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>
    /// Ingest URL without the stream key: rtmp://, rtmps://, srt:// or udp://, e.g. rtmp://a.rtmp.youtube.com/live2.
    /// The key from streamKey is appended as the last path segment (RTMP) or sent as the streamid (SRT).
    /// udp://host:port sends MPEG-TS to a unicast or multicast (224.0.0.0/4) address; the port is required and
    /// the query may set ttl, pkt_size and localaddr, e.g. udp://239.1.1.1:5000?ttl=4&amp;localaddr=10.0.0.5.
    /// </summary>
    [Required]
    [MaxLength(2048)]
    [CelRule("self.matches('^(rtmp|rtmps|srt|udp)://')", "scheme is not supported; use rtmp, rtmps, srt or udp", Reason = CelReason.FieldValueInvalid)]
    [CelRule("!self.matches('[?&](passphrase|streamid|key|streamkey)=')",
        "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase", Reason = CelReason.FieldValueForbidden)]
    public string? Url { get; set; }

    /// <summary>Stream key from a Secret (rtmp, rtmps and srt targets; udp has none).</summary>
    public SecretValueSource? StreamKey { get; set; }

    /// <summary>The rendition to push, by name. Default: the top (first) rendition of the ladder.</summary>
    [MaxLength(32)]
    public string? Rendition { get; set; }

    /// <summary>SRT settings (srt:// targets only).</summary>
    public SrtSettings? Srt { get; set; }
}
