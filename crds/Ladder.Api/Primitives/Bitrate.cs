using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// A bitrate in bits per second. On the wire it is an integer (<c>800000</c>) or a string with an optional
/// decimal SI suffix: <c>k</c>/<c>K</c> (x1000), <c>M</c> (x1,000,000) or <c>G</c> (x1,000,000,000), e.g.
/// <c>"5000k"</c>, <c>"5M"</c>, <c>"2.5M"</c>, as FFmpeg's <c>-b:v</c> reads them. Lower-case <c>m</c> is
/// rejected: in Kubernetes quantities it means milli, which is never what a bitrate wants.
/// </summary>
[JsonConverter(typeof(BitrateJsonConverter))]
public readonly record struct Bitrate : IComparable<Bitrate>, IWireValue<Bitrate>
{
    /// <summary>The pattern a string bitrate must match (the CRD schema uses it as is).</summary>
    public const string Pattern = @"^[0-9]+(\.[0-9]+)?[kKMG]?$";

    /// <summary>The largest bitrate accepted: 10 Gbit/s.</summary>
    public const long MaxBitsPerSecond = 10_000_000_000;

    /// <summary>Creates a bitrate of <paramref name="bitsPerSecond"/> bits per second.</summary>
    public Bitrate(long bitsPerSecond) => BitsPerSecond = bitsPerSecond;

    /// <summary>Bits per second.</summary>
    public long BitsPerSecond { get; }

    /// <summary>Kilobits per second (bits / 1000), rounded down.</summary>
    public long Kbps => BitsPerSecond / 1000;

    /// <summary>Creates a bitrate from kilobits per second.</summary>
    public static Bitrate FromKbps(long kbps) => new(checked(kbps * 1000));

    /// <summary>Parses <c>5000k</c>, <c>5M</c>, <c>2.5M</c> or <c>800000</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static Bitrate Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a bitrate; on failure <paramref name="error"/> says why in one sentence.</summary>
    public static bool TryParse(string? text, out Bitrate value, out string error)
    {
        value = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a bitrate must not be empty; use bits per second like 5000k, 5M or 800000";
            return false;
        }
        var s = text.Trim();
        long multiplier = 1;
        var last = s[^1];
        switch (last)
        {
            case 'k' or 'K': multiplier = 1_000; s = s[..^1]; break;
            case 'M': multiplier = 1_000_000; s = s[..^1]; break;
            case 'G': multiplier = 1_000_000_000; s = s[..^1]; break;
            case 'm':
                error = $"bitrate \"{text}\": the suffix \"m\" is ambiguous (milli in Kubernetes); use \"M\" for megabits, e.g. 5M";
                return false;
            default: break;
        }
        if (s.Length == 0 || s[0] is '-' or '+' || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = text.TrimStart().StartsWith('-')
                ? $"bitrate \"{text}\" must not be negative"
                : $"bitrate \"{text}\" is not valid; use bits per second like 5000k, 5M or 800000";
            return false;
        }
        var bits = number * multiplier;
        if (bits != decimal.Truncate(bits))
        {
            error = $"bitrate \"{text}\" is not a whole number of bits per second";
            return false;
        }
        if (bits > MaxBitsPerSecond)
        {
            error = $"bitrate \"{text}\" is larger than 10G";
            return false;
        }
        value = new Bitrate((long)bits);
        return true;
    }

    static string IWireValue<Bitrate>.WireFormHint => "a bitrate must be an integer (bits per second) or a string like 5000k or 5M";

    static bool IWireValue<Bitrate>.TryReadJsonNumber(ref Utf8JsonReader reader, out Bitrate value)
    {
        if (!reader.TryGetInt64(out var n))
        {
            throw new JsonException("a bitrate must be a whole number of bits per second, or a string like 5000k or 5M");
        }
        if (n < 0)
        {
            throw new JsonException($"bitrate {n} must not be negative");
        }
        if (n > MaxBitsPerSecond)
        {
            throw new JsonException($"bitrate {n} is larger than 10G");
        }
        value = new Bitrate(n);
        return true;
    }

    /// <summary>
    /// The canonical text: the largest of <c>G</c>, <c>M</c>, <c>k</c> that divides the value exactly
    /// (<c>5M</c>, <c>2800k</c>; <c>96000</c> prints as <c>96k</c>, <c>1500</c> as <c>1500</c>).
    /// </summary>
    public override string ToString()
    {
        var b = BitsPerSecond;
        if (b != 0 && b % 1_000_000_000 == 0) { return (b / 1_000_000_000).ToString(CultureInfo.InvariantCulture) + "G"; }
        if (b != 0 && b % 1_000_000 == 0) { return (b / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M"; }
        if (b != 0 && b % 1_000 == 0) { return (b / 1_000).ToString(CultureInfo.InvariantCulture) + "k"; }
        return b.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Scales the bitrate by <paramref name="factor"/>, rounded to the nearest 1000 bit/s (the way encoders are configured).</summary>
    public Bitrate Scale(double factor) => new((long)Math.Round(BitsPerSecond * factor / 1000.0, MidpointRounding.AwayFromZero) * 1000);

    /// <inheritdoc />
    public int CompareTo(Bitrate other) => BitsPerSecond.CompareTo(other.BitsPerSecond);

    /// <summary>Compares two bitrates.</summary>
    public static bool operator <(Bitrate left, Bitrate right) => left.BitsPerSecond < right.BitsPerSecond;

    /// <summary>Compares two bitrates.</summary>
    public static bool operator >(Bitrate left, Bitrate right) => left.BitsPerSecond > right.BitsPerSecond;

    /// <summary>Compares two bitrates.</summary>
    public static bool operator <=(Bitrate left, Bitrate right) => left.BitsPerSecond <= right.BitsPerSecond;

    /// <summary>Compares two bitrates.</summary>
    public static bool operator >=(Bitrate left, Bitrate right) => left.BitsPerSecond >= right.BitsPerSecond;
}
