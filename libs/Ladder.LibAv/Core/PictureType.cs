namespace Ladder.LibAv;

/// <summary>
/// A video frame's picture type; libavutil/avutil.h <c>enum AVPictureType</c>. Setting <see cref="I"/> on a frame
/// sent to an encoder forces a keyframe there (an IDR with x264's <c>forced-idr=1</c>).
/// </summary>
public enum PictureType
{
    /// <summary><c>AV_PICTURE_TYPE_NONE</c>: let the encoder decide.</summary>
    None = 0,

    /// <summary><c>AV_PICTURE_TYPE_I</c>: intra.</summary>
    I = 1,

    /// <summary><c>AV_PICTURE_TYPE_P</c>: predicted.</summary>
    P = 2,

    /// <summary><c>AV_PICTURE_TYPE_B</c>: bi-directionally predicted.</summary>
    B = 3,

    /// <summary><c>AV_PICTURE_TYPE_S</c>: S(GMC)-VOP MPEG-4.</summary>
    S = 4,

    /// <summary><c>AV_PICTURE_TYPE_SI</c>: switching intra.</summary>
    SI = 5,

    /// <summary><c>AV_PICTURE_TYPE_SP</c>: switching predicted.</summary>
    SP = 6,

    /// <summary><c>AV_PICTURE_TYPE_BI</c>: BI type.</summary>
    BI = 7,
}
