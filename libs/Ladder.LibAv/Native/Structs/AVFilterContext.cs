namespace Ladder.LibAv.Native.Structs;

/// <summary>libavfilter/avfilter.h <c>AVFilterContext</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVFilterContext;
