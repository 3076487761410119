using System.Buffers.Binary;
using System.Text;

namespace Ladder.Runner.Tests.Admin;

/// <summary>Reads the two numbers a player needs to place a CMAF segment on its timeline (ISO/IEC 14496-12): <c>mdhd</c> timescale and <c>tfdt</c> baseMediaDecodeTime.</summary>
internal static class Fmp4Boxes
{
    /// <summary>The media timescale (ticks per second) of an init segment's first track (<c>moov/trak/mdia/mdhd</c>).</summary>
    public static long Timescale(byte[] init)
    {
        var mdhd = Find(init, "moov", "trak", "mdia", "mdhd");
        var version = init[mdhd];
        return BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(mdhd + 4 + (version == 1 ? 16 : 8)));
    }

    /// <summary>The decode time of a media segment's first sample, in timescale ticks (<c>moof/traf/tfdt</c>).</summary>
    public static long DecodeTime(byte[] segment)
    {
        var tfdt = Find(segment, "moof", "traf", "tfdt");
        return segment[tfdt] == 1
            ? (long)BinaryPrimitives.ReadUInt64BigEndian(segment.AsSpan(tfdt + 4))
            : BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(tfdt + 4));
    }

    /// <summary>The offset of the payload of the box at <paramref name="path"/>, nested from the top level.</summary>
    private static int Find(byte[] data, params string[] path)
    {
        var (start, end) = (0, data.Length);
        foreach (var name in path)
        {
            var found = false;
            while (start + 8 <= end)
            {
                var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(start));
                var type = Encoding.ASCII.GetString(data, start + 4, 4);
                if (size < 8 || start + size > end)
                {
                    break;
                }

                if (type == name)
                {
                    (start, end) = (start + 8, start + size);
                    found = true;
                    break;
                }

                start += size;
            }

            if (!found)
            {
                throw new InvalidDataException($"no '{string.Join('/', path)}' box");
            }
        }

        return start;
    }
}
