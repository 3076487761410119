using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Checks an input and a push target share: name, URL, SRT settings and secrets.</summary>
internal static class EndpointRules
{
    /// <summary>Checks the name and the URL; returns the URL's scheme, or null when the URL is unusable (reported).</summary>
    public static string? CheckNameAndUrl<T>(ValidationContext<T> ctx, string? name, string? url, IReadOnlyList<string> schemes)
    {
        if (SpecRules.CheckItemName(name) is { } nameError)
        {
            ctx.AddFailure("Name", nameError);
        }
        if (SpecRules.CheckUrl(url, schemes) is { } urlError)
        {
            ctx.AddFailure("Url", urlError);
            return null;
        }
        return SpecRules.SchemeOf(url!)!;
    }

    /// <summary>Refuses SRT settings on a URL that is not srt://; <paramref name="what"/> names the items, e.g. <c>inputs</c>.</summary>
    public static void CheckSrtScheme<T>(ValidationContext<T> ctx, SrtSettings? srt, string scheme, string what)
    {
        if (srt is not null && scheme != "srt")
        {
            ctx.AddFailure("Srt", $"srt settings apply only to srt {what}, not {scheme}");
        }
    }

    /// <summary>Checks the stream key's secretKeyRef and the SRT settings.</summary>
    public static void CheckSecrets<T>(ValidationContext<T> ctx, SecretValueSource? streamKey, SrtSettings? srt)
    {
        SecretRefRules.Check(ctx, "StreamKey", streamKey);
        SrtRules.Check(ctx, "Srt", srt);
    }
}
