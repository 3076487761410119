namespace Ladder.LibAv;

/// <summary>The kind of a stream; libavutil/avutil.h <c>enum AVMediaType</c>.</summary>
public enum MediaType
{
    /// <summary><c>AVMEDIA_TYPE_UNKNOWN</c>.</summary>
    Unknown = -1,

    /// <summary><c>AVMEDIA_TYPE_VIDEO</c>.</summary>
    Video = 0,

    /// <summary><c>AVMEDIA_TYPE_AUDIO</c>.</summary>
    Audio = 1,

    /// <summary><c>AVMEDIA_TYPE_DATA</c> (e.g. SCTE-35, timed ID3).</summary>
    Data = 2,

    /// <summary><c>AVMEDIA_TYPE_SUBTITLE</c>.</summary>
    Subtitle = 3,

    /// <summary><c>AVMEDIA_TYPE_ATTACHMENT</c>.</summary>
    Attachment = 4,
}
