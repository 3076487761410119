namespace Ladder.Pipeline.Status;

/// <summary>A stage's figures at one instant.</summary>
/// <param name="Items">Packets (ingest, encode, passthrough, audio) or frames (decode) produced in total.</param>
/// <param name="Bytes">Compressed bytes read (ingest) or written (encoders, passthrough) in total.</param>
/// <param name="Dropped">Items dropped because this stage's queue was full.</param>
/// <param name="QueueDepth">Items waiting in the stage's input queue.</param>
/// <param name="Fps">Items per second over the last second.</param>
/// <param name="Bitrate">Bits per second over the last second (for ingest: the input rate).</param>
/// <param name="Speed">Media seconds per wall-clock second over the last second; 1.0 is realtime.</param>
/// <param name="MediaSeconds">The latest presentation time produced, in seconds on the output timeline.</param>
public sealed record StageCountersStatus(long Items, long Bytes, long Dropped, int QueueDepth, double Fps, double Bitrate, double Speed, double MediaSeconds);
