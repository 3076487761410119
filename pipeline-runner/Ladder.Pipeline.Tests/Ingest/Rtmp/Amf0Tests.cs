using Ladder.Pipeline.Ingest.Rtmp;

namespace Ladder.Pipeline.Tests.Ingest.Rtmp;

public sealed class Amf0Tests
{
    public static TheoryData<string, object?, string> Values => new()
    {
        { "number", 1.5, "00 3F F8 00 00 00 00 00 00" },
        { "boolean", true, "01 01" },
        { "string", "live", "02 00 04 6C 69 76 65" },
        { "null", null, "05" },
        {
            "object", new Dictionary<string, object?> { ["app"] = "live", ["v"] = 0.0 },
            "03 00 03 61 70 70 02 00 04 6C 69 76 65 00 01 76 00 00 00 00 00 00 00 00 00 00 00 09"
        },
        { "strict array", new List<object?> { 1.0, "a" }, "0A 00 00 00 02 00 3F F0 00 00 00 00 00 00 02 00 01 61" },
        { "date", DateTimeOffset.FromUnixTimeMilliseconds(1000), "0B 40 8F 40 00 00 00 00 00 00 00" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Encode_Should_WriteTheSpecifiedBytes_When_GivenEachType(string type, object? value, string hex)
    {
        Assert.True(Convert.ToHexString(Amf0.Encode(value)) == hex.Replace(" ", string.Empty, StringComparison.Ordinal), type);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Decode_Should_ReturnTheValue_When_GivenItsEncoding(string type, object? value, string hex)
    {
        var decoded = Amf0.DecodeAll(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)));

        Assert.True(decoded.Count == 1, type);
        Assert.Equivalent(value, decoded[0], strict: true);
    }

    [Fact]
    public void Decode_Should_ReadAnEcmaArrayAndUndefinedAndALongString_When_ASenderUsesThem()
    {
        // onMetaData as FFmpeg writes it: an ECMA array (count hint 1) holding one number; then undefined and a long string
        var bytes = Convert.FromHexString("080000000100086475726174696F6E004024000000000000000009" + "06" + "0C0000000261" + "62");

        var values = Amf0.DecodeAll(bytes);

        Assert.Equivalent(new object?[] { new Dictionary<string, object?> { ["duration"] = 10.0 }, null, "ab" }, values.ToArray(), strict: true);
    }

    [Fact]
    public void Decode_Should_ReadAConnectCommand_When_EncodedByEncode()
    {
        var bytes = Amf0.Encode("connect", 1.0, new Dictionary<string, object?> { ["app"] = "live", ["tcUrl"] = "rtmp://127.0.0.1/live" });

        var values = Amf0.DecodeAll(bytes);

        Assert.Equal("connect", values[0]);
        Assert.Equal(1.0, values[1]);
        Assert.Equal("live", Assert.IsType<Dictionary<string, object?>>(values[2])["app"]);
    }

    [Theory]
    [InlineData("00 3F F8", "cut short")]
    [InlineData("02 00 09 61", "string of 9 bytes")]
    [InlineData("03 00 01 61 05", "cut short")]
    [InlineData("0A FF FF FF FF", "strict array of 4294967295 values")]
    [InlineData("11", "unknown AMF0 type marker 0x11")]
    public void Decode_Should_ThrowInvalidData_When_BytesAreMalformed(string hex, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Amf0.DecodeAll(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Should_ThrowInvalidData_When_ObjectsNestDeeperThanTheLimit()
    {
        var bytes = Enumerable.Repeat(Convert.FromHexString("0300016F"), 10_000).SelectMany(b => b).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => Amf0.DecodeAll(bytes));

        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }
}
