namespace Ladder.LibAv;

/// <summary>
/// The outcome of a send/receive call (decoders, encoders, filter graphs, bitstream filters): FFmpeg's
/// <c>AVERROR(EAGAIN)</c> and <c>AVERROR_EOF</c> are results here, not exceptions.
/// </summary>
public enum CodecResult
{
    /// <summary>The call did its work (a frame or packet was sent or received).</summary>
    Ok,

    /// <summary><c>AVERROR(EAGAIN)</c>: on receive, feed more input; on send, receive pending output first.</summary>
    Again,

    /// <summary><c>AVERROR_EOF</c>: fully drained (after a flush), nothing more will come.</summary>
    EndOfFile,
}
