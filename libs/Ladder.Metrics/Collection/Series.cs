namespace Ladder.Metrics.Collection;

/// <summary>
/// One time series of an instrument: a label set and its value (scalar instruments) or its buckets,
/// sum and count (histograms). Updated lock-free from recording threads.
/// </summary>
internal sealed class Series
{
    public Series(string labels, int bucketCount)
    {
        Labels = labels;
        BucketCounts = bucketCount > 0 ? new long[bucketCount] : null;
    }

    /// <summary>The rendered label pairs without braces, sorted by name, e.g. <c>a="x",b="y"</c>; empty for none.</summary>
    public string Labels { get; }

    /// <summary>The value of a scalar series, or the sum of a histogram series.</summary>
    public AtomicDouble Value { get; } = new();

    /// <summary>Non-cumulative counts per bucket, the last one being <c>+Inf</c>; null for scalar series.</summary>
    public long[]? BucketCounts { get; }
}
