using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Ladder.Api.Primitives;

/// <summary>
/// An immutable string-to-string map, sorted by key (ordinal), with value equality: two maps are equal when
/// they hold the same keys with the same values. Serializes as a JSON object with keys in sorted order, so
/// the same map always produces the same bytes.
/// </summary>
[JsonConverter(typeof(ValueMapJsonConverter))]
[SuppressMessage("Naming", "CA1710", Justification = "A map value type; the Dictionary suffix would mislead.")]
public sealed class ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly ImmutableSortedDictionary<string, string> _items;

    /// <summary>The empty map.</summary>
    public static ValueMap Empty { get; } = new(ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>Copies the pairs; later duplicates win.</summary>
    public ValueMap(IEnumerable<KeyValuePair<string, string>> items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in items)
        {
            builder[k] = v;
        }
        _items = builder.ToImmutable();
    }

    private ValueMap(ImmutableSortedDictionary<string, string> items) => _items = items;

    /// <inheritdoc />
    public string this[string key] => _items[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _items.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _items.Values;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public ValueMap With(string key, string value) => new(_items.SetItem(key, value));

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public ValueMap Without(string key) => new(_items.Remove(key));

    /// <inheritdoc />
    public bool ContainsKey(string key) => _items.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _items.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueMap? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        foreach (var (k, v) in _items)
        {
            if (!other._items.TryGetValue(k, out var ov) || !string.Equals(v, ov, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueMap);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (k, v) in _items)
        {
            hash.Add(k, StringComparer.Ordinal);
            hash.Add(v, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    /// <summary>Content equality.</summary>
    public static bool operator ==(ValueMap? left, ValueMap? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Content inequality.</summary>
    public static bool operator !=(ValueMap? left, ValueMap? right) => !(left == right);

    /// <summary><c>{k=v, ...}</c> in key order.</summary>
    public override string ToString() => "{" + string.Join(", ", _items.Select(p => p.Key + "=" + p.Value)) + "}";
}
