using System.Globalization;

namespace Ladder.LibAv;

/// <summary>What the audio <c>abuffer</c> source of a <see cref="FilterGraph"/> is fed (libavfilter/buffersrc.c options).</summary>
public sealed record AudioFilterInput
{
    /// <summary>Sample rate in Hz.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Sample format of the frames pushed.</summary>
    public required SampleFormat SampleFormat { get; init; }

    /// <summary>Channel layout of the frames pushed.</summary>
    public required ChannelLayout ChannelLayout { get; init; }

    /// <summary>The time base of the frames' PTS; default 1/<see cref="SampleRate"/>.</summary>
    public Rational? TimeBase { get; init; }

    internal string ToArguments() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"time_base={TimeBase ?? new Rational(1, SampleRate)}:sample_rate={SampleRate}:sample_fmt={SampleFormat.Name}:")
        + (ChannelLayout.Mask != 0 ? $"channel_layout=0x{ChannelLayout.Mask:x}" : $"channels={ChannelLayout.Channels}");
}
