using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// An audio channel layout in FFmpeg 5.1's <c>AVChannelLayout</c> API (libavutil/channel_layout.h): either a native
/// order with a channel mask (stereo, 5.1...) or an unspecified order with only a channel count. Custom orders are
/// reduced to their channel count.
/// </summary>
public sealed record ChannelLayout
{
    private const int OrderUnspecified = 0;
    private const int OrderNative = 1;

    private ChannelLayout(int order, int channels, ulong mask)
    {
        Order = order;
        Channels = channels;
        Mask = order == OrderNative ? mask : 0;
    }

    /// <summary>Mono (<c>AV_CHANNEL_LAYOUT_MONO</c>).</summary>
    public static ChannelLayout Mono { get; } = new(OrderNative, 1, 0x4);

    /// <summary>Stereo (<c>AV_CHANNEL_LAYOUT_STEREO</c>).</summary>
    public static ChannelLayout Stereo { get; } = new(OrderNative, 2, 0x3);

    /// <summary>The number of channels.</summary>
    public int Channels { get; }

    /// <summary>The <c>AV_CH_*</c> mask for a native order; 0 when the order is unspecified.</summary>
    public ulong Mask { get; }

    /// <summary>The FFmpeg description, e.g. "stereo", "5.1(side)", "3 channels" (<c>av_channel_layout_describe</c>).</summary>
    public unsafe string Name
    {
        get
        {
            var native = ToNative();
            const int size = 128;
            var buffer = stackalloc byte[size];
            return AvUtil.av_channel_layout_describe(&native, buffer, size) < 0 ? $"{Channels} channels" : NativeText.Read(buffer)!;
        }
    }

    private int Order { get; }

    /// <summary>Parses an FFmpeg layout name such as "stereo", "5.1" or "mono" (<c>av_channel_layout_from_string</c>).</summary>
    /// <param name="name">The layout name.</param>
    /// <exception cref="ArgumentException">FFmpeg cannot parse it.</exception>
    public static unsafe ChannelLayout Parse(string name)
    {
        AVChannelLayout native;
        if (AvUtil.av_channel_layout_from_string(&native, name) < 0)
        {
            throw new ArgumentException($"Unknown channel layout '{name}'; run 'ffmpeg -layouts' for the names FFmpeg knows.", nameof(name));
        }

        var layout = FromNative(&native);
        AvUtil.av_channel_layout_uninit(&native);
        return layout;
    }

    /// <summary>A layout with only a channel count (unspecified order).</summary>
    /// <param name="channels">The number of channels, at least 1.</param>
    public static ChannelLayout Unspecified(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        return new ChannelLayout(OrderUnspecified, channels, 0);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal static unsafe ChannelLayout FromNative(AVChannelLayout* native) =>
        native->order == OrderNative
            ? new ChannelLayout(OrderNative, native->nb_channels, native->u_mask)
            : new ChannelLayout(OrderUnspecified, native->nb_channels, 0);

    /// <summary>The native value; needs no <c>av_channel_layout_uninit</c> since it owns no allocation.</summary>
    internal AVChannelLayout ToNative() => new() { order = Order, nb_channels = Channels, u_mask = Mask };
}
