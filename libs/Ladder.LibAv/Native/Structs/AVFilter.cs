namespace Ladder.LibAv.Native.Structs;

/// <summary>libavfilter/avfilter.h <c>AVFilter</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVFilter;
