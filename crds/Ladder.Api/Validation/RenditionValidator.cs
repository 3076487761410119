using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates one rendition against its codec and the profile's maxResolution (source cap).</summary>
public sealed class RenditionValidator : AbstractValidator<Rendition>
{
    /// <summary>Creates the validator for renditions of <paramref name="codec"/>, capped at <paramref name="maxResolution"/>.</summary>
    public RenditionValidator(VideoCodec codec, FrameSize? maxResolution)
    {
        RuleFor(x => x).Custom((r, ctx) =>
        {
            if (SpecRules.CheckItemName(r.Name) is { } nameError)
            {
                ctx.AddFailure("Name", nameError);
            }
            if (r.Passthrough == true)
            {
                var set = new List<string>();
                if (r.Width is not null) { set.Add("width"); }
                if (r.Height is not null) { set.Add("height"); }
                if (r.Fps is not null) { set.Add("fps"); }
                if (r.Bitrate is not null) { set.Add("bitrate"); }
                if (r.MaxBitrate is not null) { set.Add("maxBitrate"); }
                if (r.BufferSize is not null) { set.Add("bufferSize"); }
                if (r.Profile is not null) { set.Add("profile"); }
                if (r.Level is not null) { set.Add("level"); }
                if (set.Count > 0)
                {
                    ctx.AddFailure("", $"a passthrough rendition copies the source: remove {SpecRules.JoinAnd(set)}");
                }
                return;
            }
            if (r.Width is null) { ctx.AddFailure("Width", "required for an encoded rendition (or set passthrough: true)"); }
            else { VideoSpecValidator.CheckDimension(ctx, "Width", r.Width, 7680, requireEven: true); }
            if (r.Height is null) { ctx.AddFailure("Height", "required for an encoded rendition (or set passthrough: true)"); }
            else { VideoSpecValidator.CheckDimension(ctx, "Height", r.Height, 4320, requireEven: true); }
            if (r.Fps is double fps && (fps < 1 || fps > 120 || double.IsNaN(fps)))
            {
                ctx.AddFailure("Fps", $"{fps} is out of range; use 1 to 120");
            }
            if (r.Bitrate is not Bitrate bitrate)
            {
                ctx.AddFailure("Bitrate", "required for an encoded rendition (or set passthrough: true)");
                return;
            }
            if (bitrate.BitsPerSecond <= 0)
            {
                ctx.AddFailure("Bitrate", "must be positive");
                return;
            }
            if (bitrate.BitsPerSecond < 16_000)
            {
                ctx.AddFailure("Bitrate", $"{bitrate} is too low for video; use at least 16k");
            }
            var maxBitrate = r.MaxBitrate ?? SpecRules.DefaultMaxBitrate(bitrate);
            if (r.MaxBitrate is Bitrate mb && mb < bitrate)
            {
                ctx.AddFailure("MaxBitrate", $"{mb} is below bitrate {bitrate}");
            }
            if (r.BufferSize is Bitrate bs && bs.BitsPerSecond <= 0)
            {
                ctx.AddFailure("BufferSize", "must be positive");
            }
            var profile = r.Profile ?? SpecRules.DefaultProfile(codec);
            var profiles = SpecRules.Profiles(codec);
            if (!profiles.Contains(profile))
            {
                ctx.AddFailure("Profile", $"{WireEnum.ToWire(profile)} is not a {CodecLevels.DisplayName(codec)} profile; use {WireEnum.JoinOr([.. profiles.Select(WireEnum.ToWire)])}");
            }
            if (r.Width is int w && r.Height is int h)
            {
                if (maxResolution is { Width: int mw, Height: int mh } && (w > mw || h > mh))
                {
                    ctx.AddFailure("", $"{w}x{h} is larger than maxResolution {mw}x{mh}; the runner never upscales");
                }
                if (r.Level is not null)
                {
                    var level = CodecLevels.Find(codec, r.Level);
                    if (level is null)
                    {
                        ctx.AddFailure("Level", $"\"{r.Level}\" is not a {CodecLevels.DisplayName(codec)} level; use {WireEnum.JoinOr(CodecLevels.Names(codec))}");
                    }
                    else if (CodecLevels.Check(codec, profile, level, w, h, r.Fps, maxBitrate.BitsPerSecond) is { } levelError)
                    {
                        ctx.AddFailure("Level", levelError);
                    }
                }
            }
        });
    }
}
