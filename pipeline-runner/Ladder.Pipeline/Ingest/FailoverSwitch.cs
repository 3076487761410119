using Ladder.Api.V1Alpha1;

namespace Ladder.Pipeline.Ingest;

/// <summary>A switch <see cref="FailoverStateMachine{TInput}"/> made.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <param name="From">The input that was active, or null.</param>
/// <param name="To">The input now active.</param>
/// <param name="Reason">Why.</param>
/// <param name="Message">Details for the log and the switch history; null for the first choice.</param>
/// <param name="Recorded">False for taking the first input: not a failover, not in the history or the metrics.</param>
internal sealed record FailoverSwitch<TInput>(TInput? From, TInput To, FailoverReason Reason, string? Message, bool Recorded)
    where TInput : class, IFailoverInput;
