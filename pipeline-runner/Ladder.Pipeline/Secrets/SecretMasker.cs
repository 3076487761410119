using Ladder.Api.Pipeline;

namespace Ladder.Pipeline.Secrets;

/// <summary>
/// Replaces known secret values (stream keys, SRT passphrases of inputs and push targets) with
/// <see cref="PipelineJson.Mask"/> in any text: FFmpeg's log lines, error messages, URLs shown in status. Each secret is
/// masked raw and URL-escaped (as it appears in a URL query), the longest first, so a secret that contains another is
/// masked whole. One masker serves an input's messages, a push target's, and, for the whole running spec, the libav
/// log bridge. Immutable and thread-safe.
/// </summary>
public sealed class SecretMasker
{
    private readonly string[] _secrets;

    private SecretMasker(string[] secrets) => _secrets = secrets;

    /// <summary>A masker with no secrets: texts pass unchanged.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary>The values masked, longest first (raw and URL-escaped forms).</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>A masker for <paramref name="secrets"/>; null and empty values are ignored.</summary>
    public static SecretMasker Of(IEnumerable<string?> secrets) => new([
        .. secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal),
    ]);

    /// <summary>A masker for every secret of <paramref name="spec"/>: its inputs' and push targets' stream keys and passphrases.</summary>
    public static SecretMasker Of(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Of(spec.Inputs.SelectMany(i => new[] { i.StreamKey, i.Passphrase })
            .Concat(spec.Outputs.Push.SelectMany(p => new[] { p.StreamKey, p.Passphrase })));
    }

    /// <summary>A masker for the secrets of this one and <paramref name="other"/> (after a reload, both the old and the new spec's).</summary>
    public SecretMasker With(SecretMasker other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Of(_secrets.Concat(other._secrets));
    }

    /// <summary><paramref name="text"/> with every secret replaced by <see cref="PipelineJson.Mask"/>.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = PipelineJson.MaskIn(text, secret);
        }

        return text;
    }
}
