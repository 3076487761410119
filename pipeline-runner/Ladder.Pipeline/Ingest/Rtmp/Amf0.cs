using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// Action Message Format 0 (Adobe "AMF 0 File Format Specification", section 2), the encoding of RTMP command and
/// data messages (types 20 and 18). Values map to .NET as: number → <see cref="double"/>, boolean → <see cref="bool"/>,
/// string and long string → <see cref="string"/>, null and undefined → <c>null</c>, object and ECMA array →
/// <see cref="Dictionary{TKey,TValue}"/> of string to value (in wire order), strict array → <see cref="List{T}"/>,
/// date → <see cref="DateTimeOffset"/>. Decoding untrusted bytes fails with <see cref="InvalidDataException"/> on any
/// truncated, unknown or deeper than <see cref="MaxDepth"/> value, never with a crash.
/// </summary>
internal static class Amf0
{
    /// <summary>The deepest nesting of objects and arrays accepted when decoding.</summary>
    public const int MaxDepth = 16;

    private const byte NumberMarker = 0x00;
    private const byte BooleanMarker = 0x01;
    private const byte StringMarker = 0x02;
    private const byte ObjectMarker = 0x03;
    private const byte NullMarker = 0x05;
    private const byte UndefinedMarker = 0x06;
    private const byte EcmaArrayMarker = 0x08;
    private const byte ObjectEndMarker = 0x09;
    private const byte StrictArrayMarker = 0x0A;
    private const byte DateMarker = 0x0B;
    private const byte LongStringMarker = 0x0C;

    /// <summary>Decodes every value of <paramref name="data"/> in order (a command's name, transaction id, arguments).</summary>
    /// <exception cref="InvalidDataException">The bytes are not well-formed AMF0.</exception>
    public static List<object?> DecodeAll(ReadOnlySpan<byte> data)
    {
        var values = new List<object?>();
        var offset = 0;
        while (offset < data.Length)
        {
            values.Add(Decode(data, ref offset));
        }

        return values;
    }

    /// <summary>Decodes the value at <paramref name="offset"/> and moves the offset past it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not well-formed AMF0.</exception>
    public static object? Decode(ReadOnlySpan<byte> data, ref int offset) => Decode(data, ref offset, 0);

    /// <summary>Encodes <paramref name="values"/> one after another (see the type's mapping; <see cref="int"/> is written as a number).</summary>
    /// <exception cref="ArgumentException">A value of a type AMF0 cannot carry.</exception>
    public static byte[] Encode(params object?[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var value in values)
        {
            Write(buffer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static object? Decode(ReadOnlySpan<byte> data, ref int offset, int depth)
    {
        var marker = Take(data, ref offset, 1)[0];
        switch (marker)
        {
            case NumberMarker:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref offset, 8));
            case BooleanMarker:
                return Take(data, ref offset, 1)[0] != 0;
            case StringMarker:
                return ReadString(data, ref offset, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2)));
            case LongStringMarker:
                return ReadString(data, ref offset, BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref offset, 4)));
            case NullMarker or UndefinedMarker:
                return null;
            case ObjectMarker:
                return ReadProperties(data, ref offset, Deeper(depth));
            case EcmaArrayMarker:
                Take(data, ref offset, 4); // the count is a hint; the properties end with the object-end marker
                return ReadProperties(data, ref offset, Deeper(depth));
            case StrictArrayMarker:
                var count = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref offset, 4));
                if (count > (uint)(data.Length - offset))
                {
                    throw new InvalidDataException($"AMF0 strict array of {count} values in {data.Length - offset} bytes.");
                }

                var items = new List<object?>((int)count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(Decode(data, ref offset, Deeper(depth)));
                }

                return items;
            case DateMarker:
                var milliseconds = BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref offset, 8));
                Take(data, ref offset, 2); // time zone: reserved, 0
                return double.IsFinite(milliseconds) && Math.Abs(milliseconds) < 8.64e15
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds)
                    : throw new InvalidDataException($"AMF0 date {milliseconds} ms is out of range.");
            default:
                throw new InvalidDataException($"unknown AMF0 type marker 0x{marker:x2} at byte {offset - 1}.");
        }
    }

    private static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> data, ref int offset, int depth)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var name = ReadString(data, ref offset, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2)));
            if (name.Length == 0 && offset < data.Length && data[offset] == ObjectEndMarker)
            {
                offset++;
                return properties;
            }

            properties[name] = Decode(data, ref offset, depth);
        }
    }

    private static int Deeper(int depth) =>
        depth < MaxDepth ? depth + 1 : throw new InvalidDataException($"AMF0 values nested deeper than {MaxDepth} levels.");

    private static string ReadString(ReadOnlySpan<byte> data, ref int offset, uint length) =>
        length > (uint)(data.Length - offset)
            ? throw new InvalidDataException($"AMF0 string of {length} bytes with {data.Length - offset} left.")
            : Encoding.UTF8.GetString(Take(data, ref offset, (int)length));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int count)
    {
        if (count > data.Length - offset)
        {
            throw new InvalidDataException($"AMF0 value cut short at byte {offset}: {count} more bytes expected, {data.Length - offset} left.");
        }

        var slice = data.Slice(offset, count);
        offset += count;
        return slice;
    }

    private static void Write(ArrayBufferWriter<byte> buffer, object? value)
    {
        switch (value)
        {
            case null:
                buffer.Write([NullMarker]);
                break;
            case double or int:
                var number = buffer.GetSpan(9);
                number[0] = NumberMarker;
                BinaryPrimitives.WriteDoubleBigEndian(number[1..], Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                buffer.Advance(9);
                break;
            case bool flag:
                buffer.Write([BooleanMarker, flag ? (byte)1 : (byte)0]);
                break;
            case string text:
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length > ushort.MaxValue)
                {
                    buffer.Write([LongStringMarker]);
                    WriteUInt32(buffer, (uint)bytes.Length);
                }
                else
                {
                    buffer.Write([StringMarker]);
                    WriteName(buffer, bytes);
                }

                buffer.Write(bytes);
                break;
            case IEnumerable<KeyValuePair<string, object?>> properties:
                buffer.Write([ObjectMarker]);
                foreach (var (name, property) in properties)
                {
                    WriteName(buffer, Encoding.UTF8.GetBytes(name));
                    buffer.Write(Encoding.UTF8.GetBytes(name));
                    Write(buffer, property);
                }

                buffer.Write<byte>([0, 0, ObjectEndMarker]);
                break;
            case IReadOnlyList<object?> items:
                buffer.Write([StrictArrayMarker]);
                WriteUInt32(buffer, (uint)items.Count);
                foreach (var item in items)
                {
                    Write(buffer, item);
                }

                break;
            case DateTimeOffset date:
                var span = buffer.GetSpan(11);
                span[0] = DateMarker;
                BinaryPrimitives.WriteDoubleBigEndian(span[1..], date.ToUnixTimeMilliseconds());
                span[9] = 0;
                span[10] = 0;
                buffer.Advance(11);
                break;
            default:
                throw new ArgumentException($"AMF0 cannot encode a {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteName(ArrayBufferWriter<byte> buffer, byte[] bytes)
    {
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"an AMF0 property name or short string holds at most {ushort.MaxValue} bytes.", nameof(bytes));
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer.GetSpan(2), (ushort)bytes.Length);
        buffer.Advance(2);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> buffer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }
}
