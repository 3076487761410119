namespace Ladder.LibAv.Tests.Support;

/// <summary>Builds raw frames in code: a moving gradient picture and a sine tone.</summary>
internal static class SyntheticMedia
{
    /// <summary>A yuv420p picture whose luma pattern moves with <paramref name="index"/>.</summary>
    public static Frame Picture(int width, int height, int index)
    {
        var frame = new Frame { Width = width, Height = height, PixelFormat = PixelFormat.Yuv420P, Pts = index };
        frame.AllocateBuffers();
        var luma = frame.GetPlane(0, height);
        var stride = frame.GetLineSize(0);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luma[(y * stride) + x] = (byte)(x + y + (index * 3));
            }
        }

        frame.GetPlane(1, height / 2).Fill(128);
        frame.GetPlane(2, height / 2).Fill(128);
        return frame;
    }

    /// <summary>A planar float stereo frame of a 440 Hz tone starting at sample <paramref name="firstSample"/>.</summary>
    public static Frame Tone(int samples, int sampleRate, long firstSample)
    {
        var frame = new Frame
        {
            SampleCount = samples,
            SampleFormat = SampleFormat.FltP,
            SampleRate = sampleRate,
            ChannelLayout = ChannelLayout.Stereo,
            Pts = firstSample,
        };
        frame.AllocateBuffers();
        for (var channel = 0; channel < 2; channel++)
        {
            var plane = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(frame.GetPlane(channel, 1));
            for (var i = 0; i < samples; i++)
            {
                plane[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * (firstSample + i) / sampleRate);
            }
        }

        return frame;
    }
}
