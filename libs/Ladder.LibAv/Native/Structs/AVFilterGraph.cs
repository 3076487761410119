namespace Ladder.LibAv.Native.Structs;

/// <summary>libavfilter/avfilter.h <c>AVFilterGraph</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVFilterGraph;
