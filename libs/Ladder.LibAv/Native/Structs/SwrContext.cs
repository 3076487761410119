namespace Ladder.LibAv.Native.Structs;

/// <summary>libswresample/swresample.h <c>SwrContext</c>: opaque; only ever handled through a pointer.</summary>
internal struct SwrContext;
