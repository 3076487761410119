using System.Buffers.Binary;

namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Reads ISO BMFF boxes (ISO/IEC 14496-12 section 4.2) out of a CMAF segment.</summary>
internal static class Mp4Boxes
{
    private static readonly HashSet<string> Containers = ["moov", "trak", "mdia", "minf", "stbl", "mvex", "moof", "traf"];

    /// <summary>The top-level and nested box types in file order.</summary>
    public static List<string> Types(ReadOnlySpan<byte> data)
    {
        var types = new List<string>();
        Walk(data, (type, _) => types.Add(type));
        return types;
    }

    /// <summary>The baseMediaDecodeTime of the (single) tfdt box (section 8.8.12).</summary>
    public static long Tfdt(ReadOnlySpan<byte> data)
    {
        long? value = null;
        Walk(data, (type, body) =>
        {
            if (type == "tfdt")
            {
                value = body[0] == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(body[4..]) : BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
            }
        });
        return value ?? throw new InvalidDataException("no tfdt box");
    }

    private delegate void Visitor(string type, ReadOnlySpan<byte> body);

    private static void Walk(ReadOnlySpan<byte> data, Visitor visit)
    {
        var offset = 0;
        while (offset + 8 <= data.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(offset + 4, 4));
            var body = data.Slice(offset + 8, size - 8);
            visit(type, body);
            if (Containers.Contains(type))
            {
                Walk(body, visit);
            }

            offset += size;
        }
    }
}
