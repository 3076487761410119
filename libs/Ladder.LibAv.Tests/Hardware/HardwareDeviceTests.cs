using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Hardware;

public sealed class HardwareDeviceTests
{
    [Theory]
    [InlineData("cuda")]
    [InlineData("vaapi")]
    public void Create_Should_FailNamingTheDeviceType_When_NoSuchDeviceExists_OrUploadAFrame_When_ItDoes(string type)
    {
        HardwareDevice device;
        try
        {
            device = HardwareDevice.Create(type);
        }
        catch (FFmpegException error)
        {
            Assert.StartsWith($"av_hwdevice_ctx_create({type}) failed: ", error.Message);
            Assert.Contains($"No usable {type} device", error.Message);
            Assert.True(error.ErrorCode < 0);
            return;
        }

        // A machine with the device: upload a picture into a surface and read it back.
        using (device)
        using (var frames = HardwareFrames.Create(device, type == "cuda" ? PixelFormat.Cuda : PixelFormat.Vaapi, PixelFormat.Nv12, 320, 180))
        using (var picture = SyntheticMedia.Picture(320, 180, 0))
        using (var nv12 = new Frame())
        using (var surface = new Frame())
        using (var downloaded = new Frame())
        {
            using var scaler = new Scaler(320, 180, PixelFormat.Yuv420P, 320, 180, PixelFormat.Nv12);
            scaler.Scale(picture, nv12);
            frames.GetBuffer(surface);
            nv12.TransferDataTo(surface);
            surface.TransferDataTo(downloaded);
            Assert.True(surface.IsHardware);
            Assert.Equal(nv12.GetPlane(0, 1)[..320].ToArray(), downloaded.GetPlane(0, 1)[..320].ToArray());
        }
    }

    [Fact]
    public void Create_Should_RejectUnknownType()
    {
        var error = Assert.Throws<ArgumentException>(() => HardwareDevice.Create("warp-drive"));

        Assert.Contains("warp-drive", error.Message);
    }
}
