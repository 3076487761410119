using Ladder.Pipeline.Packaging;

namespace Ladder.Pipeline.Tests.Packaging;

public sealed class CodecStringsTests
{
    [Fact]
    public void Avc_Should_ReadProfileConstraintsAndLevel_When_ExtradataIsAnAvcCRecord() =>
        Assert.Equal("avc1.4d401f", CodecStrings.Avc([0x01, 0x4D, 0x40, 0x1F, 0xFF, 0xE1]));

    [Fact]
    public void Avc_Should_FindTheSps_When_ExtradataIsAnnexB() =>
        Assert.Equal("avc1.64000d", CodecStrings.Avc([0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, 0x67, 0x64, 0x00, 0x0D, 0xAC, 0, 0, 1, 0x68, 0xEE]));

    [Fact]
    public void Avc_Should_Throw_When_ThereIsNoSps() =>
        Assert.Throws<NotSupportedException>(() => CodecStrings.Avc([0, 0, 0, 1, 0x68, 0xEE]));

    [Fact]
    public void Hevc_Should_FollowIso14496_15AnnexE_When_ExtradataIsAnHvcCRecord()
    {
        // Main profile (1), compatibility flags 0x60000000 (profiles 1 and 2), progressive+frame-only constraints 0xB0, level 93 (3.1), Main tier.
        byte[] hvcc = [0x01, 0x01, 0x60, 0x00, 0x00, 0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5D, 0xF0];
        Assert.Equal("hvc1.1.6.L93.B0", CodecStrings.Hevc(hvcc));
    }

    [Theory]
    [InlineData(new byte[] { 0x11, 0x90 }, "mp4a.40.2")] // AAC-LC, 48 kHz, stereo
    [InlineData(new byte[] { 0x2B, 0x92, 0x08, 0x00 }, "mp4a.40.5")] // HE-AAC (SBR)
    [InlineData(new byte[] { 0xF8, 0x4E, 0x40 }, "mp4a.40.34")] // escape: 32 + 2
    public void Aac_Should_UseTheAudioObjectType_When_ReadingTheAudioSpecificConfig(byte[] config, string expected) =>
        Assert.Equal(expected, CodecStrings.Aac(config, profile: -99));
}
