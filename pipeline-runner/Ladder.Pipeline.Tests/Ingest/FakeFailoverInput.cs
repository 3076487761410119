using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Ladder.Pipeline.Tests.Ingest;

/// <summary>An input whose video packets the test delivers by hand, on a fake clock.</summary>
internal sealed class FakeFailoverInput(string name, int priority, FakeTimeProvider clock) : IFailoverInput
{
    private long _lastVideo;
    private long _healthySince;

    public string Name => name;

    public int Priority => priority;

    public string? Failure { get; private set; }

    public FailoverReason FailureReason => Failure is null ? FailoverReason.Timeout : FailoverReason.Error;

    /// <summary>A video packet arrives now.</summary>
    public void Deliver()
    {
        _lastVideo = clock.GetTimestamp();
        _healthySince = _healthySince == 0 ? _lastVideo : _healthySince;
        Failure = null;
    }

    /// <summary>The input fails with <paramref name="message"/> (the sender disconnected).</summary>
    public void Fail(string message)
    {
        Failure = message;
        _lastVideo = 0;
    }

    public bool IsHealthy(long now, TimeSpan timeout)
    {
        var healthy = _lastVideo != 0 && clock.GetElapsedTime(_lastVideo, now) < timeout;
        if (!healthy)
        {
            _healthySince = 0;
        }

        return healthy;
    }

    public TimeSpan HealthyFor(long now) => _healthySince == 0 ? TimeSpan.Zero : clock.GetElapsedTime(_healthySince, now);

    public void MarkUndecodable(string message) => Fail(message);
}
