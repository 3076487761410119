using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates the audio settings.</summary>
public sealed class AudioSpecValidator : AbstractValidator<AudioSpec>
{
    /// <summary>Creates the validator.</summary>
    public AudioSpecValidator()
    {
        RuleFor(x => x).Custom((a, ctx) =>
        {
            if (a.Bitrate is Bitrate b && (b.BitsPerSecond < 8_000 || b.BitsPerSecond > 512_000))
            {
                ctx.AddFailure("Bitrate", b.BitsPerSecond <= 0 ? "must be positive" : $"{b} is out of range; use 8k to 512k");
            }
            if (a.Channels is int ch && (ch < 1 || ch > 8))
            {
                ctx.AddFailure("Channels", $"{ch} is out of range; use 1 to 8");
            }
            if (a.SampleRate is int rate)
            {
                if (a.Codec == AudioCodec.Opus && rate != 48000)
                {
                    ctx.AddFailure("SampleRate", $"opus audio is always 48000 Hz; remove sampleRate or set 48000 (got {rate})");
                }
                else if (!SpecRules.SampleRates.Contains(rate))
                {
                    ctx.AddFailure("SampleRate", $"{rate} Hz is not supported; use {WireEnum.JoinOr([.. SpecRules.SampleRates.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))])}");
                }
            }
        });
    }
}
