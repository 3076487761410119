using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>The failover rules on a fake clock: input timeout 1 s, failback delay 5 s, a check every 20 ms.</summary>
public sealed class FailoverStateMachineTests
{
    private static readonly TimeSpan Check = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeFailoverInput _primary;
    private readonly FakeFailoverInput _backup;
    private readonly FailoverStateMachine<FakeFailoverInput> _machine;
    private readonly List<FailoverSwitch<FakeFailoverInput>> _switches = [];

    public FailoverStateMachineTests()
    {
        _primary = new FakeFailoverInput("primary", 0, _clock);
        _backup = new FakeFailoverInput("backup", 1, _clock);
        _machine = new FailoverStateMachine<FakeFailoverInput>(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Step_Should_TakeTheFirstHealthyInputInPriorityOrder_When_NoneIsActive()
    {
        _backup.Deliver();
        Run(TimeSpan.FromMilliseconds(100), _backup);
        _primary.Deliver();
        Run(TimeSpan.FromMilliseconds(100), _primary, _backup);

        Assert.Same(_backup, _machine.Active); // taken first; the primary must be healthy for the failback delay
        Assert.Single(_switches);
        Assert.False(_switches[0].Recorded);
    }

    [Fact]
    public void Step_Should_FailOverAfterTheInputTimeout_When_TheActiveInputGoesSilent()
    {
        Start();
        var silentFrom = _clock.GetUtcNow();

        var failover = Run(TimeSpan.FromSeconds(3), _backup).Single(s => s.Recorded);

        Assert.Equal((_primary, _backup, FailoverReason.Timeout), (failover.From, failover.To, failover.Reason));
        Assert.Contains("spec.failover.inputTimeout", failover.Message, StringComparison.Ordinal);
        Assert.InRange(_switchedAt[^1] - silentFrom, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + (2 * Check));
    }

    [Fact]
    public void Step_Should_FailOverAtOnceWithTheError_When_TheActiveInputFails()
    {
        Start();
        _primary.Fail("input 'primary' broke off");

        var failover = Run(Check, _backup).Single();

        Assert.Equal((FailoverReason.Error, "input 'primary' broke off"), (failover.Reason, failover.Message));
    }

    [Fact]
    public void Step_Should_FailBackOnlyAfterTheFailbackDelay_When_ThePrimaryReturns()
    {
        Start();
        Run(TimeSpan.FromSeconds(2), _backup);
        Assert.Same(_backup, _machine.Active);
        var returned = _clock.GetUtcNow();

        Run(TimeSpan.FromSeconds(4.9), _primary, _backup);
        Assert.Same(_backup, _machine.Active);
        var failback = Run(TimeSpan.FromSeconds(0.2), _primary, _backup).Single();

        Assert.Equal((_backup, _primary, FailoverReason.Failback), (failback.From, failback.To, failback.Reason));
        Assert.InRange(_switchedAt[^1] - returned, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) + (2 * Check));
    }

    [Fact]
    public void Step_Should_HoldAnInputActivatedByHand_Until_ItFails()
    {
        Start();
        _backup.Deliver();
        Record(_machine.Activate(_backup));
        Assert.Equal(FailoverReason.Manual, _switches[^1].Reason);

        Run(TimeSpan.FromSeconds(10), _primary, _backup);
        Assert.Same(_backup, _machine.Active); // no failback while pinned

        _backup.Fail("the sender disconnected");
        Assert.Equal((_primary, FailoverReason.Error), (Run(Check, _primary).Single().To, _switches[^1].Reason));
    }

    [Fact]
    public void Step_Should_UseTheNewTimeout_When_AReloadChangesIt()
    {
        Start();
        _machine.Timeout = TimeSpan.FromMilliseconds(250);
        var silentFrom = _clock.GetUtcNow();

        Run(TimeSpan.FromSeconds(1), _backup);

        Assert.InRange(_switchedAt[^1] - silentFrom, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250) + (2 * Check));
    }

    [Fact]
    public void ActiveSeconds_Should_AddUpTheTimeEachInputWasActive()
    {
        Start();
        Run(TimeSpan.FromSeconds(2), _backup);

        var seconds = _machine.ActiveSeconds();

        Assert.InRange(seconds["primary"] + seconds["backup"], 2.0, 2.1);
        Assert.InRange(seconds["primary"], 1.0, 1.2);
    }

    private readonly List<DateTimeOffset> _switchedAt = [];

    /// <summary>Both inputs deliver and the primary is taken.</summary>
    private void Start()
    {
        Run(TimeSpan.FromMilliseconds(100), _primary, _backup);
        Assert.Same(_primary, _machine.Active);
        _switches.Clear();
        _switchedAt.Clear();
    }

    /// <summary>Advances the clock by <paramref name="duration"/> in checks; <paramref name="delivering"/> send video at each one.</summary>
    /// <returns>The switches made meanwhile.</returns>
    private List<FailoverSwitch<FakeFailoverInput>> Run(TimeSpan duration, params FakeFailoverInput[] delivering)
    {
        var before = _switches.Count;
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Check)
        {
            _clock.Advance(Check);
            foreach (var input in delivering)
            {
                input.Deliver();
            }

            Record(_machine.Step([_primary, _backup], null));
        }

        return _switches[before..];
    }

    private void Record(FailoverSwitch<FakeFailoverInput>? change)
    {
        if (change is not null)
        {
            _switches.Add(change);
            _switchedAt.Add(_clock.GetUtcNow());
        }
    }
}
