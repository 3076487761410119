using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// An immutable list with value equality: two lists are equal when they hold equal items in the same order.
/// Records holding a <see cref="ValueList{T}"/> therefore compare by content, which <c>ComputeDiff</c>-style
/// code relies on. Serializes as a JSON array.
/// </summary>
/// <typeparam name="T">The item type; its own <see cref="object.Equals(object)"/> defines item equality.</typeparam>
[JsonConverter(typeof(ValueListJsonConverterFactory))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    /// <summary>Wraps the items (copied).</summary>
    public ValueList(IEnumerable<T> items) => _items = items is ImmutableArray<T> array ? array : [.. items];

    private ValueList(ImmutableArray<T> items) => _items = items;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>The items as an immutable array.</summary>
    public ImmutableArray<T> AsImmutableArray() => _items;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        return _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    /// <summary>Content equality.</summary>
    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Content inequality.</summary>
    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !(left == right);

    /// <summary>The items, comma-separated, in brackets.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
