namespace Ladder.Pipeline.Tests.Packaging;

/// <summary>Tiny encodes shared by the packager tests: two renditions and AAC audio, 6 s each.</summary>
public sealed class EncodedMediaFixture : IDisposable
{
    public const double Seconds = 6;

    public EncodedMediaFixture()
    {
        High = EncodedTrack.Video("high", 320, 180, Seconds);
        Low = EncodedTrack.Video("low", 160, 90, Seconds, bitrate: 150_000);
        Audio = EncodedTrack.Audio(Seconds);
    }

    internal EncodedTrack High { get; }

    internal EncodedTrack Low { get; }

    internal EncodedTrack Audio { get; }

    public void Dispose()
    {
        High.Dispose();
        Low.Dispose();
        Audio.Dispose();
    }
}
