using System.Collections;
using Ladder.LibAv.Native;
using Ladder.LibAv.Native.Structs;

namespace Ladder.LibAv;

/// <summary>
/// String options for libav* (libavutil/dict.h <c>AVDictionary</c>), e.g. x264's <c>preset</c>, the mp4 muxer's
/// <c>movflags</c>, a protocol's <c>rw_timeout</c> (µs). Calls that take options copy them, so one dictionary can
/// be reused; options the callee did not recognise make that call throw.
/// </summary>
public sealed unsafe class MediaDictionary : IEnumerable<KeyValuePair<string, string>>, IDisposable
{
    private const int IgnoreSuffix = 2; // AV_DICT_IGNORE_SUFFIX
    private readonly OwnedHandle<AVDictionary> _handle = new(null, &Free);

    /// <summary>The number of entries (<c>av_dict_count</c>).</summary>
    public int Count { get { using var dictionary = _handle.Acquire(); return AvUtil.av_dict_count(dictionary.Pointer); } }

    /// <summary>Gets or sets an entry (<c>av_dict_get</c>/<c>av_dict_set</c>); null when missing.</summary>
    /// <param name="key">The option name.</param>
    public string? this[string key]
    {
        get
        {
            using var dictionary = _handle.Acquire();
            var entry = AvUtil.av_dict_get(dictionary.Pointer, key, null, 0);
            return entry == null ? null : NativeText.Read(entry->value);
        }

        set => Set(key, value);
    }

    /// <summary>Sets (or, with a null value, removes) an entry (<c>av_dict_set</c>).</summary>
    /// <param name="key">The option name.</param>
    /// <param name="value">Its value as FFmpeg's option parser reads it; null removes the key.</param>
    /// <exception cref="FFmpegException">Out of memory.</exception>
    public void Set(string key, string? value)
    {
        using var dictionary = _handle.Acquire();
        var pointer = dictionary.Pointer;
        var result = AvUtil.av_dict_set(&pointer, key, value, 0);
        _handle.Replace(dictionary, pointer);
        result.ThrowIfError($"av_dict_set({key})");
    }

    /// <summary>Adds an entry; lets collection initializers build a dictionary.</summary>
    /// <param name="key">The option name.</param>
    /// <param name="value">Its value.</param>
    public void Add(string key, string value) => Set(key, value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        using var dictionary = _handle.Acquire();
        return Snapshot(dictionary.Pointer).GetEnumerator();
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    /// <summary>A copy the caller owns and must free with <c>av_dict_free</c> (what libav* calls consume).</summary>
    internal AVDictionary* CopyNative()
    {
        AVDictionary* copy = null;
        using var dictionary = _handle.Acquire();
        AvUtil.av_dict_copy(&copy, dictionary.Pointer, 0).ThrowIfError("av_dict_copy");
        return copy;
    }

    /// <summary>Reads all entries of a native dictionary.</summary>
    internal static List<KeyValuePair<string, string>> Snapshot(AVDictionary* dictionary)
    {
        var entries = new List<KeyValuePair<string, string>>();
        AVDictionaryEntry* entry = null;
        while ((entry = AvUtil.av_dict_get(dictionary, string.Empty, entry, IgnoreSuffix)) != null)
        {
            entries.Add(new(NativeText.Read(entry->key)!, NativeText.Read(entry->value)!));
        }

        return entries;
    }

    private static void Free(AVDictionary* dictionary) => AvUtil.av_dict_free(&dictionary);
}
