using k8s.Models;

namespace Ladder.ControllerRuntime.Conditions;

/// <summary>
/// Helpers for <c>status.conditions</c> lists keyed on type (apimachinery <c>pkg/api/meta/conditions.go</c>).
/// </summary>
public static class ConditionSet
{
    /// <summary>
    /// Adds <paramref name="condition"/> or updates the condition of the same type. <c>lastTransitionTime</c> moves only
    /// when the status flips (to the new condition's time when set, else now); reason, message and observedGeneration
    /// are copied. Callers write <c>/status</c> only when this returns true.
    /// </summary>
    /// <param name="conditions">The object's conditions, changed in place.</param>
    /// <param name="condition">The desired condition; it is copied, not stored.</param>
    /// <param name="time">The clock for <c>lastTransitionTime</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>True when anything changed.</returns>
    public static bool SetCondition(IList<V1Condition> conditions, V1Condition condition, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(condition);
        var transitionTime = condition.LastTransitionTime != default
            ? condition.LastTransitionTime
            : TruncateToSeconds((time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var existing = FindCondition(conditions, condition.Type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = condition.Type,
                Status = condition.Status,
                Reason = condition.Reason,
                Message = condition.Message,
                ObservedGeneration = condition.ObservedGeneration,
                LastTransitionTime = transitionTime,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != condition.Status)
        {
            existing.Status = condition.Status;
            existing.LastTransitionTime = transitionTime;
            changed = true;
        }

        if (existing.Reason != condition.Reason)
        {
            existing.Reason = condition.Reason;
            changed = true;
        }

        if (existing.Message != condition.Message)
        {
            existing.Message = condition.Message;
            changed = true;
        }

        if (existing.ObservedGeneration != condition.ObservedGeneration)
        {
            existing.ObservedGeneration = condition.ObservedGeneration;
            changed = true;
        }

        return changed;
    }

    /// <summary>The condition of type <paramref name="type"/>, or null.</summary>
    public static V1Condition? FindCondition(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Removes the condition of type <paramref name="type"/>; returns whether one was removed.</summary>
    public static bool RemoveCondition(IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = FindCondition(conditions, type);
        return existing is not null && conditions.Remove(existing);
    }

    /// <summary>True when the condition of type <paramref name="type"/> exists with status <c>True</c>.</summary>
    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) =>
        FindCondition(conditions, type)?.Status == "True";

    /// <summary>True when the condition of type <paramref name="type"/> exists with status <c>False</c>.</summary>
    public static bool IsFalse(IEnumerable<V1Condition>? conditions, string type) =>
        FindCondition(conditions, type)?.Status == "False";

    private static DateTime TruncateToSeconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
