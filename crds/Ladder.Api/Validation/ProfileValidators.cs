using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates a TranscodeProfile: its name and its spec (<see cref="TranscodeProfileSpecValidator"/>).</summary>
public sealed class TranscodeProfileValidator : AbstractValidator<TranscodeProfile>
{
    /// <summary>Creates the validator.</summary>
    public TranscodeProfileValidator()
    {
        RuleFor(x => x.Metadata.Name).Custom((name, ctx) => MetadataRules.CheckName(name, ctx));
        RuleFor(x => x.Spec).NotNull().WithMessage("required");
        RuleFor(x => x.Spec!).SetValidator(new TranscodeProfileSpecValidator()).When(x => x.Spec is not null);
    }
}

/// <summary>
/// Validates a transcode profile spec, standalone (<c>spec</c> of a TranscodeProfile) or inline
/// (<c>spec.profile</c> of a LiveStream or Template).
/// </summary>
public sealed class TranscodeProfileSpecValidator : AbstractValidator<TranscodeProfileSpec>
{
    /// <summary>Creates the validator.</summary>
    public TranscodeProfileSpecValidator()
    {
        RuleFor(x => x.Video).NotNull().WithMessage("required");
        RuleFor(x => x.Video!).SetValidator(new VideoSpecValidator()).When(x => x.Video is not null);
        RuleFor(x => x.Audio!).SetValidator(new AudioSpecValidator()).When(x => x.Audio is not null);
    }
}

/// <summary>Validates the video settings and the ladder.</summary>
public sealed class VideoSpecValidator : AbstractValidator<VideoSpec>
{
    /// <summary>Creates the validator.</summary>
    public VideoSpecValidator()
    {
        RuleFor(x => x).Custom((v, ctx) =>
        {
            var hardware = v.Hardware ?? HardwareAcceleration.None;
            var codec = v.Codec ?? VideoCodec.H264;
            if (v.Preset is not null)
            {
                var presets = SpecRules.Presets(hardware);
                var encoder = SpecRules.VideoEncoder(codec, hardware);
                if (presets.Count == 0)
                {
                    ctx.AddFailure("Preset", $"{encoder} has no presets; remove preset");
                }
                else if (!presets.Contains(v.Preset))
                {
                    ctx.AddFailure("Preset", $"\"{v.Preset}\" is not a {encoder} preset; use {WireEnum.JoinOr(presets)}");
                }
            }
            if (v.GopSeconds is int gop && (gop < 1 || gop > 10))
            {
                ctx.AddFailure("GopSeconds", $"{gop} is out of range; use 1 to 10 seconds");
            }
            if (v.MaxResolution is { } max)
            {
                CheckDimension(ctx, "MaxResolution.Width", max.Width, 7680, requireEven: false);
                CheckDimension(ctx, "MaxResolution.Height", max.Height, 4320, requireEven: false);
            }
            if (v.Renditions is null || v.Renditions.Count == 0)
            {
                ctx.AddFailure("Renditions", "at least one rendition is required");
                return;
            }
            if (v.Renditions.Count > 8)
            {
                ctx.AddFailure("Renditions", $"{v.Renditions.Count} renditions; at most 8 are allowed");
            }
        });
        RuleForEach(x => x.Renditions).SetValidator((video, _) => new RenditionValidator(video.Codec ?? VideoCodec.H264, video.MaxResolution));
        RuleFor(x => x).Custom((v, ctx) =>
        {
            if (v.Renditions is null)
            {
                return;
            }
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            int? firstPassthrough = null;
            for (var i = 0; i < v.Renditions.Count; i++)
            {
                var r = v.Renditions[i];
                if (r is null)
                {
                    ctx.AddFailure($"Renditions[{i}]", "must not be null");
                    continue;
                }
                if (r.Name is not null && !names.TryAdd(r.Name, i))
                {
                    ctx.AddFailure($"Renditions[{i}].Name", $"duplicate rendition name \"{r.Name}\" (renditions[{names[r.Name]}] has it)");
                }
                if (r.Passthrough == true)
                {
                    if (firstPassthrough is int first)
                    {
                        ctx.AddFailure($"Renditions[{i}].Passthrough", $"at most one rendition may be passthrough; renditions[{first}] already is");
                    }
                    else
                    {
                        firstPassthrough = i;
                    }
                }
            }
        });
    }

    internal static void CheckDimension<T>(ValidationContext<T> ctx, string field, int? value, int max, bool requireEven)
    {
        if (value is null)
        {
            ctx.AddFailure(field, "required");
        }
        else if (value < 16 || value > max)
        {
            ctx.AddFailure(field, $"{value} is out of range; use 16 to {max}");
        }
        else if (requireEven && value % 2 != 0)
        {
            ctx.AddFailure(field, $"{value} must be even (4:2:0 chroma)");
        }
    }
}

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

/// <summary>Checks of object metadata.</summary>
internal static class MetadataRules
{
    public static void CheckName<T>(string? name, ValidationContext<T> ctx, int maxLength = 253)
    {
        if (string.IsNullOrEmpty(name))
        {
            ctx.AddFailure("required");
        }
        else if (name.Length > maxLength || !(maxLength <= 63 ? SpecRules.DnsLabel() : SpecRules.DnsSubdomain()).IsMatch(name))
        {
            ctx.AddFailure(maxLength <= 63
                ? $"\"{name}\" is not a valid name; use at most {maxLength} lower-case letters, digits and '-', starting and ending with a letter or digit"
                : $"\"{name}\" is not a valid name; use lower-case letters, digits, '-' and '.', at most {maxLength} characters");
        }
    }
}
