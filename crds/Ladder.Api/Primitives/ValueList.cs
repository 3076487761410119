namespace Ladder.Api.Primitives;

/// <summary>Factory methods for <see cref="ValueList{T}"/>.</summary>
public static class ValueList
{
    /// <summary>A list of the given items.</summary>
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    /// <summary>A list of the given items.</summary>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}
