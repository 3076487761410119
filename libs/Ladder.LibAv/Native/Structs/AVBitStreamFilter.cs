namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/bsf.h <c>AVBitStreamFilter</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVBitStreamFilter;
