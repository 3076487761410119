using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>
/// One source of the stream. URL schemes: rtmp, srt, rtsp, http/https (HLS), udp (MPEG-TS) and file. Put
/// stream keys in streamKey and SRT passphrases in srt.passphrase, never in the URL.
/// </summary>
[CelRule("!has(self.srt) || self.url.startsWith('srt://')", "srt settings apply only to srt:// inputs", FieldPath = ".srt", Reason = CelReason.FieldValueForbidden)]
[CelRule("!has(self.streamKey) || self.url.startsWith('rtmp://') || self.url.startsWith('srt://')",
    "streamKey applies only to rtmp:// and srt:// inputs", FieldPath = ".streamKey", Reason = CelReason.FieldValueForbidden)]
public sealed class StreamInput
{
    /// <summary>Input name, unique in the stream (e.g. primary, backup); shown in status.activeInput.</summary>
    [Required]
    [MaxLength(32)]
    [Pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    public string? Name { get; set; }

    /// <summary>
    /// Source URL. To receive a push, listen on all addresses: rtmp://0.0.0.0:1935/live (the stream key is
    /// appended as the last path segment), srt://0.0.0.0:9000 or udp://0.0.0.0:5000. To pull, name the
    /// remote host: srt://encoder.example.net:9000, rtsp://camera/stream, https://origin/live.m3u8,
    /// udp://239.1.1.1:5000 (multicast), file:///media/loop.mp4.
    /// </summary>
    [Required]
    [MaxLength(2048)]
    [CelRule("self.matches('^(rtmp|srt|rtsp|http|https|udp|file)://')",
        "scheme is not supported; use rtmp, srt, rtsp, http, https, udp or file", Reason = CelReason.FieldValueInvalid)]
    [CelRule("!self.matches('[?&](passphrase|streamid|key|streamkey)=')",
        "do not put secrets in the url: use streamKey.secretKeyRef or srt.passphrase", Reason = CelReason.FieldValueForbidden)]
    public string? Url { get; set; }

    /// <summary>
    /// listen (wait for the encoder to push) or pull (connect to the source). Default: listen when the URL
    /// host is 0.0.0.0, [::] or empty, else pull.
    /// </summary>
    public InputMode? Mode { get; set; }

    /// <summary>
    /// Stream key from a Secret. RTMP: appended to the URL path (rtmp://host/app/KEY). SRT: sent as the
    /// streamid.
    /// </summary>
    public SecretValueSource? StreamKey { get; set; }

    /// <summary>SRT settings (srt:// inputs only).</summary>
    public SrtSettings? Srt { get; set; }

    /// <summary>Extra libavformat options for this input (name to value), e.g. rw_timeout, fifo_size.</summary>
    [MaxProperties(32)]
    [MaxLength(1024)]
    public IDictionary<string, string>? Options { get; set; }
}
