using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Scaling;

public sealed class ResamplerTests
{
    [Fact]
    public void Convert_Should_ResampleStereoFloatToMonoS16AtNewRate_WithoutLosingSamples()
    {
        using var resampler = new Resampler(ChannelLayout.Stereo, SampleFormat.FltP, 48000, ChannelLayout.Parse("mono"), SampleFormat.S16, 44100);
        using var converted = new Frame();
        long produced = 0;
        short peak = 0;
        for (var i = 0; i < 50; i++)
        {
            using var tone = SyntheticMedia.Tone(960, 48000, i * 960L);
            resampler.Convert(tone, converted);
            produced += converted.SampleCount;
            var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(converted.GetPlane(0, 1))[..converted.SampleCount];
            foreach (var sample in samples)
            {
                peak = Math.Max(peak, sample);
            }
        }

        resampler.Convert(null, converted);
        produced += converted.SampleCount;

        Assert.Equal(1, converted.ChannelLayout.Channels);
        Assert.Equal(44100, converted.SampleRate);
        Assert.InRange(produced, 44100 - 2, 44100 + 2); // 50 x 960 samples at 48 kHz = 1 s
        Assert.InRange(peak, 15000, 17500); // a 0.5 amplitude tone in 16 bit
    }
}
