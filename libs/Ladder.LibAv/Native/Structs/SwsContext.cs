namespace Ladder.LibAv.Native.Structs;

/// <summary>libswscale/swscale.h <c>SwsContext</c>: opaque; only ever handled through a pointer.</summary>
internal struct SwsContext;
