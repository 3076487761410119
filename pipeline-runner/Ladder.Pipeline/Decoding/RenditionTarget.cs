using Ladder.Pipeline.Stages;

namespace Ladder.Pipeline.Decoding;

/// <summary>
/// One rendition the video decoder feeds, with the window of presentation times it gets (pipeline ticks, 1/90000 s):
/// a hot-reloaded encoder starts at a segment boundary (<paramref name="From"/>) and the one it replaces stops there
/// (<paramref name="Until"/>), so both tracks switch on the same boundary.
/// </summary>
/// <param name="Stage">The rendition's queue.</param>
/// <param name="From">The first PTS it receives; <see cref="long.MinValue"/> for all.</param>
/// <param name="Until">The first PTS it no longer receives (its input is then completed); <see cref="long.MaxValue"/> for none.</param>
internal sealed record RenditionTarget(QueueStage<DecodedFrame> Stage, long From, long Until);
