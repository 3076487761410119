namespace Ladder.Pipeline.Publishing;

/// <summary>Where a DASH Period begins: at a segment boundary where some track changed version (ISO/IEC 23009-1 section 5.3.2).</summary>
/// <param name="FirstSequenceNumber">The sequence number of the Period's first segments; also its <c>@id</c>.</param>
/// <param name="Start">The Period's <c>@start</c> in seconds on the output timeline.</param>
internal sealed record DashPeriodStart(long FirstSequenceNumber, double Start);
