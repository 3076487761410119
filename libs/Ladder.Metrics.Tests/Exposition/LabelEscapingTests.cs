namespace Ladder.Metrics.Tests.Exposition;

public sealed class LabelEscapingTests
{
    [Fact]
    public void Collect_Should_EscapeBackslashQuoteAndNewline_When_InLabelValues()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<int>("errors").Add(1, new KeyValuePair<string, object?>("message", "C:\\path \"quoted\"\nnext"));

        Assert.Equal(
            "# TYPE errors_total counter\nerrors_total{message=\"C:\\\\path \\\"quoted\\\"\\nnext\"} 1\n",
            t.Collector.Collect());
    }

    [Fact]
    public void Collect_Should_EscapeBackslashAndNewlineButNotQuotes_When_InHelp()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<int>("help", description: "a \\ b \"c\"\nd").Add(1);

        Assert.StartsWith("# HELP help_total a \\\\ b \"c\"\\nd\n", t.Collector.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_FormatNonStringTagValuesInvariantly_When_Recorded()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<int>("typed").Add(1,
            new KeyValuePair<string, object?>("flag", true),
            new KeyValuePair<string, object?>("ratio", 0.5),
            new KeyValuePair<string, object?>("missing", null),
            new KeyValuePair<string, object?>("k8s.pod", "p"));

        Assert.Equal(
            "# TYPE typed_total counter\ntyped_total{flag=\"true\",k8s_pod=\"p\",missing=\"\",ratio=\"0.5\"} 1\n",
            t.Collector.Collect());
    }
}
