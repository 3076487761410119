using k8s.Models;
using Ladder.ControllerRuntime.Conditions;
using Ladder.ControllerRuntime.Tests.Time;

namespace Ladder.ControllerRuntime.Tests.Conditions;

public sealed class ConditionSetTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, 500, TimeSpan.Zero);

    private static V1Condition Ready(string status, string reason = "Provisioned", string message = "", long? generation = 1) =>
        new() { Type = "Ready", Status = status, Reason = reason, Message = message, ObservedGeneration = generation };

    [Fact]
    public void SetCondition_Should_AddWithTransitionTimeNowInSeconds_When_Absent()
    {
        var time = new FakeClock(Start);
        var conditions = new List<V1Condition>();

        Assert.True(ConditionSet.SetCondition(conditions, Ready("True"), time));

        var ready = Assert.Single(conditions);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), ready.LastTransitionTime);
    }

    [Fact]
    public void SetCondition_Should_ReportUnchangedAndKeepTime_When_SameCondition()
    {
        var time = new FakeClock(Start);
        var conditions = new List<V1Condition>();
        ConditionSet.SetCondition(conditions, Ready("True"), time);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(ConditionSet.SetCondition(conditions, Ready("True"), time));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), conditions[0].LastTransitionTime);
    }

    [Fact]
    public void SetCondition_Should_KeepTransitionTime_When_OnlyReasonMessageOrGenerationChange()
    {
        var time = new FakeClock(Start);
        var conditions = new List<V1Condition>();
        ConditionSet.SetCondition(conditions, Ready("False", "Pending"), time);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(ConditionSet.SetCondition(conditions, Ready("False", "Scaling", "2/3 ready", 2), time));
        Assert.Equal("Scaling", conditions[0].Reason);
        Assert.Equal("2/3 ready", conditions[0].Message);
        Assert.Equal(2, conditions[0].ObservedGeneration);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), conditions[0].LastTransitionTime);
    }

    [Fact]
    public void SetCondition_Should_MoveTransitionTime_When_StatusFlips()
    {
        var time = new FakeClock(Start);
        var conditions = new List<V1Condition>();
        ConditionSet.SetCondition(conditions, Ready("False"), time);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(ConditionSet.SetCondition(conditions, Ready("True"), time));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 5, 0, TimeSpan.Zero), conditions[0].LastTransitionTime);
        Assert.True(ConditionSet.IsTrue(conditions, "Ready"));
        Assert.False(ConditionSet.IsFalse(conditions, "Ready"));
    }

    [Fact]
    public void RemoveCondition_Should_ReportWhetherRemoved_When_Called()
    {
        var conditions = new List<V1Condition>();
        ConditionSet.SetCondition(conditions, Ready("True"), new FakeClock(Start));

        Assert.True(ConditionSet.RemoveCondition(conditions, "Ready"));
        Assert.False(ConditionSet.RemoveCondition(conditions, "Ready"));
        Assert.Null(ConditionSet.FindCondition(conditions, "Ready"));
        Assert.False(ConditionSet.IsTrue(conditions, "Ready"));
    }
}
