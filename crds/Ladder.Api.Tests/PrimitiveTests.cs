using System.Text.Json;
using Ladder.Api.Primitives;
using YamlDotNet.Serialization;

namespace Ladder.Api.Tests;

public class BitrateTests
{
    [Theory]
    [InlineData("5000k", 5_000_000)]
    [InlineData("5000K", 5_000_000)]
    [InlineData("5M", 5_000_000)]
    [InlineData("2.5M", 2_500_000)]
    [InlineData("800000", 800_000)]
    [InlineData("1G", 1_000_000_000)]
    [InlineData("128k", 128_000)]
    [InlineData(" 96k ", 96_000)]
    [InlineData("0", 0)]
    public void Parse_accepts_integers_and_si_suffixes(string text, long expected) =>
        Assert.Equal(expected, Bitrate.Parse(text).BitsPerSecond);

    [Theory]
    [InlineData("", "a bitrate must not be empty; use bits per second like 5000k, 5M or 800000")]
    [InlineData("-500k", "bitrate \"-500k\" must not be negative")]
    [InlineData("5m", "bitrate \"5m\": the suffix \"m\" is ambiguous (milli in Kubernetes); use \"M\" for megabits, e.g. 5M")]
    [InlineData("fast", "bitrate \"fast\" is not valid; use bits per second like 5000k, 5M or 800000")]
    [InlineData("5 Mbps", "bitrate \"5 Mbps\" is not valid; use bits per second like 5000k, 5M or 800000")]
    [InlineData("1.5", "bitrate \"1.5\" is not a whole number of bits per second")]
    [InlineData("20G", "bitrate \"20G\" is larger than 10G")]
    public void Parse_rejects_with_a_reason(string text, string error)
    {
        Assert.False(Bitrate.TryParse(text, out _, out var message));
        Assert.Equal(error, message);
        Assert.Equal(error, Assert.Throws<FormatException>(() => Bitrate.Parse(text)).Message);
    }

    [Theory]
    [InlineData(5_000_000, "5M")]
    [InlineData(2_800_000, "2800k")]
    [InlineData(96_000, "96k")]
    [InlineData(1_500, "1500")]
    [InlineData(1_000_000_000, "1G")]
    [InlineData(0, "0")]
    public void ToString_is_canonical_and_parses_back(long bps, string text)
    {
        Assert.Equal(text, new Bitrate(bps).ToString());
        Assert.Equal(bps, Bitrate.Parse(text).BitsPerSecond);
    }

    [Fact]
    public void Scale_rounds_to_whole_kilobits() =>
        Assert.Equal(5_350_000, new Bitrate(5_000_000).Scale(1.07).BitsPerSecond);

    [Fact]
    public void Json_reads_numbers_and_strings_and_writes_canonical_strings()
    {
        Assert.Equal(800_000, JsonSerializer.Deserialize<Bitrate>("800000").BitsPerSecond);
        Assert.Equal(5_000_000, JsonSerializer.Deserialize<Bitrate>("\"5000k\"").BitsPerSecond);
        Assert.Equal("\"5M\"", JsonSerializer.Serialize(new Bitrate(5_000_000)));
        Assert.Equal("bitrate -5 must not be negative", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Bitrate>("-5")).Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Bitrate>("true"));
    }

    [Fact]
    public void Yaml_converter_round_trips()
    {
        var serializer = new SerializerBuilder().WithTypeConverter(new BitrateYamlConverter()).Build();
        var deserializer = new DeserializerBuilder().WithTypeConverter(new BitrateYamlConverter()).WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance).Build();
        Assert.Equal("5M" + Environment.NewLine, serializer.Serialize(new Bitrate(5_000_000)));
        Assert.Equal(2_800_000, deserializer.Deserialize<Bitrate>("2800k").BitsPerSecond);
        Assert.Null(deserializer.Deserialize<Holder>("rate: null").Rate);
        Assert.Equal(128_000, deserializer.Deserialize<Holder>("rate: 128k").Rate!.Value.BitsPerSecond);
        Assert.Contains("must not be negative", Assert.ThrowsAny<Exception>(() => deserializer.Deserialize<Bitrate>("-1k")).ToString());
    }

    public sealed class Holder
    {
        public Bitrate? Rate { get; set; }
    }
}

public class DurationTests
{
    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500us", 0.5)]
    [InlineData("500µs", 0.5)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    public void Parse_reads_go_durations(string text, double ms) =>
        Assert.Equal(ms, Duration.Parse(text).TotalMilliseconds, 6);

    [Theory]
    [InlineData("1 second", "duration \"1 second\" is not valid; use a number with a unit like 1s, 250ms, 2m or 1h30m")]
    [InlineData("10", "duration \"10\" is missing a unit; use e.g. 10s")]
    [InlineData("-1s", "duration \"-1s\" must not be negative")]
    [InlineData("1d", "duration \"1d\" is not valid; use a number with a unit like 1s, 250ms, 2m or 1h30m")]
    [InlineData("", "a duration must not be empty; use a number with a unit like 1s, 250ms or 2m")]
    public void Parse_rejects_with_a_reason(string text, string error)
    {
        Assert.False(Duration.TryParse(text, out _, out var message));
        Assert.Equal(error, message);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(120_000, "2m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(0.5, "500µs")]
    public void ToString_matches_go(double ms, string text)
    {
        var d = Duration.FromMilliseconds(ms);
        Assert.Equal(text, d.ToString());
        Assert.Equal(d, Duration.Parse(text));
    }

    [Fact]
    public void Json_and_yaml_converters_round_trip()
    {
        Assert.Equal("\"2m0s\"", JsonSerializer.Serialize(Duration.Parse("2m")));
        Assert.Equal(TimeSpan.FromMilliseconds(250), JsonSerializer.Deserialize<Duration>("\"250ms\"").Value);
        Assert.Equal("a duration must be a string with a unit, like 1s, 250ms or 2m", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Duration>("5")).Message);
        var deserializer = new DeserializerBuilder().WithTypeConverter(new DurationYamlConverter()).Build();
        var serializer = new SerializerBuilder().WithTypeConverter(new DurationYamlConverter()).Build();
        Assert.Equal(TimeSpan.FromSeconds(1), deserializer.Deserialize<Duration>("1s").Value);
        Assert.Equal("1.5s" + Environment.NewLine, serializer.Serialize(Duration.Parse("1500ms")));
    }
}

public class ValueCollectionTests
{
    [Fact]
    public void ValueList_compares_contents()
    {
        Assert.Equal(ValueList.Of(1, 2, 3), ValueList.Of(1, 2, 3));
        Assert.NotEqual(ValueList.Of(1, 2, 3), ValueList.Of(3, 2, 1));
        Assert.Equal(ValueList.Of("a").GetHashCode(), ValueList.Of("a").GetHashCode());
        Assert.True(ValueList.Of("a") == new ValueList<string>(["a"]));
        Assert.Equal("[1,2]", JsonSerializer.Serialize(ValueList.Of(1, 2)));
        Assert.Equal(ValueList.Of(1, 2), JsonSerializer.Deserialize<ValueList<int>>("[1,2]"));
    }

    [Fact]
    public void ValueMap_compares_contents_and_writes_sorted_keys()
    {
        var a = new ValueMap([new("b", "2"), new("a", "1")]);
        var b = new ValueMap([new("a", "1"), new("b", "2")]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.With("b", "3"));
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\"}", JsonSerializer.Serialize(a));
        Assert.Equal(a, JsonSerializer.Deserialize<ValueMap>("{\"b\":\"2\",\"a\":\"1\"}"));
    }
}
