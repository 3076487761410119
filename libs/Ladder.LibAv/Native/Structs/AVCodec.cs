namespace Ladder.LibAv.Native.Structs;

/// <summary>libavcodec/codec.h <c>AVCodec</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVCodec;
