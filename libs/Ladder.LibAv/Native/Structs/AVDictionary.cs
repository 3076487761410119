namespace Ladder.LibAv.Native.Structs;

/// <summary>libavutil/dict.h <c>AVDictionary</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVDictionary;
