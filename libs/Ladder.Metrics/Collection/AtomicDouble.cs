namespace Ladder.Metrics.Collection;

/// <summary>A lock-free double cell: compare-and-swap add, volatile set and read.</summary>
internal sealed class AtomicDouble
{
    private long _bits;

    /// <summary>The current value.</summary>
    public double Value => BitConverter.Int64BitsToDouble(Volatile.Read(ref _bits));

    /// <summary>Adds <paramref name="delta"/> atomically.</summary>
    public void Add(double delta)
    {
        var current = Volatile.Read(ref _bits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + delta);
            var seen = Interlocked.CompareExchange(ref _bits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Replaces the value.</summary>
    public void Set(double value) => Volatile.Write(ref _bits, BitConverter.DoubleToInt64Bits(value));
}
