using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Pipeline;

/// <summary>Audio encoding.</summary>
/// <param name="Codec">aac or opus.</param>
/// <param name="Encoder">The libavcodec encoder: aac or libopus.</param>
/// <param name="Bitrate">Bits per second.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="SampleRate">Hz.</param>
public sealed record PipelineAudio(AudioCodec Codec, string Encoder, long Bitrate, int Channels, int SampleRate);
