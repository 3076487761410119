using FluentValidation;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Checks of SRT settings.</summary>
internal static class SrtRules
{
    public static void Check<T>(ValidationContext<T> ctx, string path, SrtSettings? srt)
    {
        if (srt is null)
        {
            return;
        }
        if (srt.Latency is Duration l && (l < Duration.FromMilliseconds(20) || l > Duration.FromSeconds(10)))
        {
            ctx.AddFailure(path + ".Latency", $"{l} is out of range; use 20ms to 10s");
        }
        SecretRefRules.Check(ctx, path + ".Passphrase", srt.Passphrase);
    }
}
