using System.Runtime.CompilerServices;

// The packager's tests check the pure playlist/manifest writers, the segment window and the codec strings directly.
[assembly: InternalsVisibleTo("Ladder.Pipeline.Tests")]
