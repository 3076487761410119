using System.Globalization;
using Ladder.LibAv;

namespace Ladder.Pipeline.Packaging;

/// <summary>
/// RFC 6381 <c>codecs</c> parameter values (the HLS <c>CODECS</c> attribute, RFC 8216 section 4.3.4.2, and the DASH
/// <c>@codecs</c>, ISO/IEC 23009-1 section 5.3.7.2) derived from a track's codec parameters and extradata:
/// <c>avc1.PPCCLL</c> from the H.264 SPS (ISO/IEC 14496-15 section 5.4.1 and annex E), <c>hvc1.*</c> from the HEVC
/// profile_tier_level (ISO/IEC 14496-15 annex E.3), <c>mp4a.40.N</c> from the AAC AudioSpecificConfig object type
/// (ISO/IEC 14496-3 section 1.6.2.1), <c>opus</c> (Opus in ISOBMFF section 4.3.2).
/// </summary>
internal static class CodecStrings
{
    /// <summary>The codec string of a track.</summary>
    /// <param name="parameters">The track's codec parameters.</param>
    /// <returns>E.g. <c>avc1.64001f</c>, <c>hvc1.1.6.L93.B0</c>, <c>mp4a.40.2</c>, <c>opus</c>.</returns>
    /// <exception cref="NotSupportedException">The codec cannot be packaged into CMAF, or its extradata has no parameter sets (the encoder needs <c>GlobalHeader</c>).</exception>
    public static string From(CodecParameters parameters) => parameters.CodecName switch
    {
        "h264" => Avc(parameters.GetExtraData()),
        "hevc" => Hevc(parameters.GetExtraData()),
        "aac" => Aac(parameters.GetExtraData(), parameters.Profile),
        "opus" => "opus",
        "ac3" => "ac-3",
        "eac3" => "ec-3",
        _ => throw new NotSupportedException($"Codec '{parameters.CodecName}' has no CMAF packaging here; use h264, hevc, aac or opus."),
    };

    /// <summary><c>avc1.PPCCLL</c>: profile_idc, the constraint flags byte and level_idc of the SPS, from an avcC record or Annex B extradata.</summary>
    /// <exception cref="NotSupportedException">No SPS in the extradata.</exception>
    internal static string Avc(ReadOnlySpan<byte> extraData)
    {
        ReadOnlySpan<byte> sps;
        if (extraData.Length >= 4 && extraData[0] == 1)
        {
            sps = extraData[1..4]; // avcC: AVCProfileIndication, profile_compatibility, AVCLevelIndication
        }
        else
        {
            var nal = FindNal(extraData, static header => (header[0] & 0x1F) == 7, headerLength: 1);
            sps = nal.Length >= 4 ? nal[1..4] : throw NoParameterSets("h264", "SPS");
        }

        return string.Create(CultureInfo.InvariantCulture, $"avc1.{sps[0]:x2}{sps[1]:x2}{sps[2]:x2}");
    }

    /// <summary>
    /// <c>hvc1.[A-C]?profile.compatibility.(L|H)level(.constraint bytes)</c> from the general profile_tier_level of an
    /// hvcC record or of the SPS in Annex B extradata.
    /// </summary>
    /// <exception cref="NotSupportedException">No SPS in the extradata.</exception>
    internal static string Hevc(ReadOnlySpan<byte> extraData)
    {
        byte[] ptl; // general_profile_space..general_level_idc: 12 bytes
        if (extraData.Length >= 13 && extraData[0] == 1)
        {
            ptl = extraData[1..13].ToArray();
        }
        else
        {
            var nal = FindNal(extraData, static header => ((header[0] >> 1) & 0x3F) == 33, headerLength: 2);
            var rbsp = RemoveEmulationPrevention(nal.Length > 2 ? nal[2..] : []);
            ptl = rbsp.Length >= 13 ? rbsp[1..13] : throw NoParameterSets("hevc", "SPS"); // skip vps_id/max_sub_layers/nesting byte
        }

        var profileSpace = (ptl[0] >> 6) switch { 1 => "A", 2 => "B", 3 => "C", _ => "" };
        var tier = (ptl[0] & 0x20) != 0 ? 'H' : 'L';
        var profile = ptl[0] & 0x1F;
        var compatibility = (uint)(ptl[1] << 24 | ptl[2] << 16 | ptl[3] << 8 | ptl[4]);
        var reversed = 0u;
        for (var i = 0; i < 32; i++)
        {
            reversed |= ((compatibility >> i) & 1) << (31 - i);
        }

        var constraints = ptl.AsSpan(5, 6);
        var last = constraints.Length;
        while (last > 0 && constraints[last - 1] == 0)
        {
            last--;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"hvc1.{profileSpace}{profile}.{reversed:X}.{tier}{ptl[11]}");
        for (var i = 0; i < last; i++)
        {
            text += string.Create(CultureInfo.InvariantCulture, $".{constraints[i]:X2}");
        }

        return text;
    }

    /// <summary><c>mp4a.40.N</c> with N the audio object type of the AudioSpecificConfig (5 bits, 31 = escape to 32 + 6 bits).</summary>
    internal static string Aac(ReadOnlySpan<byte> extraData, int profile)
    {
        int objectType;
        if (extraData.Length >= 1)
        {
            objectType = extraData[0] >> 3;
            if (objectType == 31 && extraData.Length >= 2)
            {
                objectType = 32 + (((extraData[0] & 0x07) << 3) | (extraData[1] >> 5));
            }
        }
        else
        {
            objectType = profile >= 0 ? profile + 1 : 2; // FF_PROFILE_AAC_* is the object type minus one; unknown: AAC-LC
        }

        return string.Create(CultureInfo.InvariantCulture, $"mp4a.40.{objectType}");
    }

    /// <summary>The first NAL unit (from its header on) of Annex B data whose header matches <paramref name="isWanted"/>.</summary>
    private static ReadOnlySpan<byte> FindNal(ReadOnlySpan<byte> data, Func<ReadOnlySpan<byte>, bool> isWanted, int headerLength)
    {
        var start = -1;
        for (var i = 0; i + 2 < data.Length; i++)
        {
            if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1)
            {
                continue;
            }

            if (start >= 0 && isWanted(data[start..]))
            {
                var end = i > 0 && data[i - 1] == 0 ? i - 1 : i;
                return data[start..end];
            }

            start = i + 3;
            i += 2;
        }

        return start >= 0 && start + headerLength <= data.Length && isWanted(data[start..]) ? data[start..] : [];
    }

    /// <summary>The RBSP of a NAL payload: every <c>00 00 03</c> becomes <c>00 00</c> (ITU-T H.265 section 7.4.2).</summary>
    private static byte[] RemoveEmulationPrevention(ReadOnlySpan<byte> payload)
    {
        var output = new List<byte>(payload.Length);
        var zeros = 0;
        foreach (var value in payload)
        {
            if (zeros >= 2 && value == 3)
            {
                zeros = 0;
                continue;
            }

            zeros = value == 0 ? zeros + 1 : 0;
            output.Add(value);
        }

        return [.. output];
    }

    private static NotSupportedException NoParameterSets(string codec, string what) =>
        new($"The {codec} extradata holds no {what}; open the encoder with GlobalHeader so the parameter sets are out of band.");
}
