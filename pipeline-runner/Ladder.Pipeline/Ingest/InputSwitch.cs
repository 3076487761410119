using Ladder.Api.Runner;
using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Ingest;

/// <summary>One switch between inputs, as kept by <see cref="FailoverIngestStage"/> (the last 20).</summary>
/// <param name="Time">When the switch was decided (UTC).</param>
/// <param name="From">The input switched from; null for the first input chosen.</param>
/// <param name="To">The input switched to.</param>
/// <param name="Reason"><c>timeout</c>, <c>error</c>, <c>manual</c> or <c>failback</c>.</param>
/// <param name="Message">Why the old input was left (its error, secrets masked), or null.</param>
/// <param name="MediaGapSeconds">
/// Media time lost, in seconds: from the end of the old input's last forwarded packet to the first packet of the new
/// input on the output timeline; null until the new input delivered its first packet.
/// </param>
public sealed record InputSwitch(DateTimeOffset Time, string? From, string To, FailoverReason Reason, string? Message, double? MediaGapSeconds)
{
    /// <summary>The admin API's shape (<c>RunnerStatus.recentFailovers</c>).</summary>
    public RunnerFailover ToContract() => new() { Time = Time, From = From, To = To, Reason = Reason, Message = Message };
}
