namespace Ladder.LibAv.Native.Structs;

/// <summary>libavformat/avformat.h <c>AVInputFormat</c>: opaque; only ever handled through a pointer.</summary>
internal struct AVInputFormat;
