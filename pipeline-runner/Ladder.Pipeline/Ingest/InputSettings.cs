using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Secrets;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// How the ingest stage opens one <see cref="PipelineInput"/>: the URL and libavformat options, plus two options the
/// runner handles itself and removes before opening, named after the ffmpeg CLI flags they mirror:
/// <c>re</c> ("1" reads in real time, the default for file inputs; "0" reads as fast as the encoders go) and
/// <c>stream_loop</c> (file inputs: times to replay after the first pass, "-1" forever; default "0").
/// UDP and SRT inputs carry MPEG-TS, so their demuxer is fixed to <c>mpegts</c>.
/// </summary>
internal sealed record InputSettings
{
    private const string RealtimeOption = "re";
    private const string LoopOption = "stream_loop";
    private const string ListenOption = "listen";
    private static readonly TimeSpan MinSessionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The input's name from the spec.</summary>
    public required string Name { get; init; }

    /// <summary>The URL libavformat opens (with the stream key; never log it, use <see cref="Redact"/>).</summary>
    public required string Url { get; init; }

    /// <summary>The protocol.</summary>
    public required InputProtocol Protocol { get; init; }

    /// <summary>Pull or listen.</summary>
    public required InputMode Mode { get; init; }

    /// <summary>libavformat options without the runner's own.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>Pace reading by the packets' timestamps.</summary>
    public required bool Realtime { get; init; }

    /// <summary>Replays of a file input after the first pass; -1 forever.</summary>
    public required int Loop { get; init; }

    /// <summary>No video for this long makes the input unhealthy, so the input switch fails over (<c>spec.failover.inputTimeout</c>).</summary>
    public required TimeSpan InputTimeout { get; init; }

    /// <summary>
    /// No packet for this long ends the input's session: a listener waits for its sender to connect again, a pull
    /// reconnects. It is <see cref="InputTimeout"/>, but at least 5 s: a shorter silence makes the input unhealthy and
    /// fails over, but keeps its connection, so a sender that was only held up (a starved CPU, a congested link) goes on
    /// where it was instead of being cut off; few encoders reconnect on their own, and those that do wait seconds
    /// first. A restarted RTMP encoder need not wait for it: a new publisher with the stream key takes over one silent
    /// for the input timeout (<see cref="Rtmp.RtmpServer"/>). An SRT listener is the exception: FFmpeg's takes one
    /// caller at a time, so a silent caller is let go at the input timeout, and a restarted one can connect.
    /// </summary>
    public TimeSpan SessionTimeout => IsSrtListen || InputTimeout > MinSessionTimeout ? InputTimeout : MinSessionTimeout;

    /// <summary>Masks the input's stream key and passphrase in messages.</summary>
    public required SecretMasker Masker { get; init; }

    /// <summary>Whether the input is an RTMP listener, which the runner serves itself (<see cref="Rtmp.RtmpServer"/>) to check the stream key.</summary>
    public bool IsRtmpListen => Protocol == InputProtocol.Rtmp && Mode == InputMode.Listen;

    /// <summary>Whether the input is an SRT listener (libavformat's, whose refusals only libsrt's log tells).</summary>
    public bool IsSrtListen => Protocol == InputProtocol.Srt && Mode == InputMode.Listen;

    /// <summary>Whether the input is a file (finite, may loop).</summary>
    public bool IsFile => Protocol == InputProtocol.File;

    /// <summary>Whether the input is held to the wall clock: every live input, and a file read in real time.</summary>
    public bool IsPaced => !IsFile || Realtime;

    /// <summary>
    /// How far a paced input's packets may run ahead of the wall clock before reading waits: none for a file; 3 s
    /// for a live input, whose sender may burst what it buffered (a GOP cache, a reconnect) but never runs faster
    /// than real time for long. A sender that does is slowed by back-pressure (RTMP, SRT) or loses what its
    /// transport cannot buffer (UDP).
    /// </summary>
    public TimeSpan PaceLead => IsFile ? TimeSpan.Zero : TimeSpan.FromSeconds(3);

    /// <summary>Reads the settings of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A runner option has an unreadable value.</exception>
    public static InputSettings From(PipelineInput input, PipelineFailover failover)
    {
        var rtmpListen = input.Protocol == InputProtocol.Rtmp && input.Mode == InputMode.Listen;
        var options = input.Options.Where(o => o.Key is not RealtimeOption and not LoopOption && !(rtmpListen && o.Key == ListenOption)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        if (input.Protocol == InputProtocol.Srt && input.StreamKey is { } streamId)
        {
            options.TryAdd("streamid", streamId);
        }

        if (input.Passphrase is { } passphrase)
        {
            options.TryAdd("passphrase", passphrase);
        }

        return new InputSettings
        {
            Name = input.Name,
            Url = input.Url,
            Protocol = input.Protocol,
            Mode = input.Mode,
            Options = options,
            Realtime = ReadFlag(input, RealtimeOption, input.Protocol == InputProtocol.File),
            Loop = input.Protocol == InputProtocol.File ? ReadInt(input, LoopOption, 0) : 0,
            InputTimeout = failover.InputTimeout.Value,
            Masker = SecretMasker.Of([input.StreamKey, input.Passphrase]),
        };
    }

    /// <summary>
    /// The <see cref="InputContext.Open(string, InputOptions?, CancellationToken)"/> options. An SRT listener waits for
    /// its sender without a deadline; UDP has no connection to wait for, so its open (probing the first packets) gets
    /// 10 s like a pull, which also ends a probe stuck on bytes that are not MPEG-TS. An RTMP listener's publisher is
    /// already authenticated when its FLV stream is opened, so probing it gets 10 s too.
    /// </summary>
    public InputOptions ToInputOptions(MediaDictionary options) => new()
    {
        Format = Protocol is InputProtocol.Udp or InputProtocol.Srt ? "mpegts" : IsRtmpListen ? "flv" : null,
        Options = options,
        OpenTimeout = Mode == InputMode.Listen && Protocol == InputProtocol.Srt ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(10),
        ReadTimeout = SessionTimeout,
    };

    /// <summary>The URL and <paramref name="text"/> with stream keys and passphrases masked.</summary>
    public string Redact(string text) => Masker.Mask(text);

    private static bool ReadFlag(PipelineInput input, string key, bool fallback) =>
        !input.Options.TryGetValue(key, out var value) ? fallback : value switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => throw new ArgumentException($"spec.inputs[{input.Name}].options.{key}: '{value}' is not a flag; use 1 or 0.", nameof(input)),
        };

    private static int ReadInt(PipelineInput input, string key, int fallback) =>
        !input.Options.TryGetValue(key, out var value) ? fallback
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= -1 ? number
        : throw new ArgumentException($"spec.inputs[{input.Name}].options.{key}: '{value}' is not a loop count; use -1 (forever), 0 or more.", nameof(input));
}
