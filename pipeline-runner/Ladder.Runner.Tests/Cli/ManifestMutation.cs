using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Cli;

/// <summary>
/// One way to damage a sample manifest from <c>config/samples</c>: flip a byte, delete a line, swap a field's value
/// for one of another type (a list, a map, an unclosed <c>[</c>...), or cut the file short. <see cref="Position"/> and
/// <see cref="Value"/> pick where and what, modulo the sizes of the text.
/// </summary>
internal sealed partial record ManifestMutation(string Sample, ManifestMutation.Kind Damage, int Position, int Value)
{
    /// <summary>What is done to the text.</summary>
    public enum Kind
    {
        FlipByte,
        DeleteLine,
        SwapType,
        Truncate,
    }

    private static readonly string[] Replacements =
    [
        "[1, 2", "[", "{a: 1", "{}", "[]", "true", "no", "-1", "1.5", "99999999999999999999", "\"text\"", "null", "~", "x: y", "- a", "'", "&a", "*a", "!!binary AAAA", "0x1F", "1e400", "\t", "|", ">-",
    ];

    private static readonly string[] SampleNames = [.. Directory.GetFiles(RepoPaths.Samples, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>The generator: any sample, any damage, anywhere.</summary>
    public static Arbitrary<ManifestMutation> Arbitrary { get; } = Arb.From(
        from sample in Gen.Elements(SampleNames)
        from damage in Gen.Elements(Enum.GetValues<Kind>())
        from position in Gen.Choose(0, 1_000_000)
        from value in Gen.Choose(0, 1_000_000)
        select new ManifestMutation(sample, damage, position, value));

    /// <summary>The damaged manifest's bytes.</summary>
    public byte[] Apply()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, Sample));
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        switch (Damage)
        {
            case Kind.FlipByte:
                bytes[Position % bytes.Length] ^= (byte)(1 + (Value % 255));
                return bytes;
            case Kind.DeleteLine:
                lines.RemoveAt(Position % lines.Count);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            case Kind.SwapType:
                var fields = lines.Select((line, index) => (Match: Field().Match(line), index)).Where(f => f.Match.Success).ToList();
                var (match, at) = fields[Position % fields.Count];
                lines[at] = match.Groups[1].Value + Replacements[Value % Replacements.Length];
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            default:
                return bytes[..(Position % bytes.Length)];
        }
    }

    [GeneratedRegex(@"^(\s*(?:-\s+)?[A-Za-z]+:\s*)\S.*$")]
    private static partial Regex Field();
}
