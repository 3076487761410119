using Ladder.Api.Primitives;
using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Audio encoding, shared by every rendition.</summary>
[CelRule("!has(self.codec) || self.codec != 'opus' || !has(self.sampleRate) || self.sampleRate == 48000",
    "opus audio is always 48000 Hz", FieldPath = ".sampleRate", Reason = CelReason.FieldValueInvalid)]
public sealed class AudioSpec
{
    /// <summary>Audio codec: aac or opus.</summary>
    [Default(Defaults.AudioCodec)]
    public AudioCodec? Codec { get; set; }

    /// <summary>Audio bitrate in bits per second: an integer or a string like 128k.</summary>
    [Default(Defaults.AudioBitrate)]
    public Bitrate? Bitrate { get; set; }

    /// <summary>Number of channels: 1 (mono), 2 (stereo) up to 8 (7.1).</summary>
    [Default(Defaults.AudioChannels)]
    [Minimum(1)]
    [Maximum(8)]
    public int? Channels { get; set; }

    /// <summary>Sample rate in Hz (opus: 48000 only).</summary>
    [Default(Defaults.AudioSampleRate)]
    [Minimum(8000)]
    [Maximum(96000)]
    public int? SampleRate { get; set; }
}
