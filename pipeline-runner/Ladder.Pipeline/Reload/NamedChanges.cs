namespace Ladder.Pipeline.Reload;

/// <summary>
/// Changes to one named list of a PipelineSpec (inputs, renditions, push targets), matched by name: entries only in
/// the new spec are added, entries only in the old one removed, entries in both whose value differs changed. Each list
/// keeps the order of the spec it comes from (new spec for added and changed, old spec for removed).
/// </summary>
/// <param name="Added">Names only in the new spec.</param>
/// <param name="Removed">Names only in the old spec.</param>
/// <param name="Changed">Names in both whose settings differ (value equality of the spec records).</param>
public sealed record NamedChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    /// <summary>No change.</summary>
    public static NamedChanges None { get; } = new([], [], []);

    /// <summary>True when nothing was added, removed or changed.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>Compares two lists by <paramref name="name"/>; entries compare by value (records).</summary>
    /// <typeparam name="T">A spec record with value equality.</typeparam>
    /// <param name="previous">The running spec's list.</param>
    /// <param name="next">The new spec's list.</param>
    /// <param name="name">The entry's unique name.</param>
    /// <returns>The added, removed and changed names.</returns>
    public static NamedChanges Compare<T>(IReadOnlyList<T> previous, IReadOnlyList<T> next, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(name);
        var old = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in previous)
        {
            old.TryAdd(name(item), item);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        var changed = new List<string>();
        foreach (var item in next)
        {
            var key = name(item);
            names.Add(key);
            if (!old.TryGetValue(key, out var before))
            {
                added.Add(key);
            }
            else if (!EqualityComparer<T>.Default.Equals(before, item))
            {
                changed.Add(key);
            }
        }

        var removed = previous.Select(name).Where(n => !names.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        return added.Count == 0 && removed.Count == 0 && changed.Count == 0 ? None : new NamedChanges(added, removed, changed);
    }
}
