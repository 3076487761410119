namespace Ladder.LibAv;

/// <summary>Turns libav* return codes into values, results or <see cref="FFmpegException"/>.</summary>
internal static unsafe class ErrorCodeExtensions
{
    /// <summary>Returns <paramref name="result"/> when it is zero or positive, otherwise throws.</summary>
    /// <exception cref="FFmpegException">The code is negative.</exception>
    public static int ThrowIfError(this int result, string context) =>
        result < 0 ? throw new FFmpegException(context, result) : result;

    /// <summary>Maps EAGAIN and EOF to <see cref="CodecResult"/> values and throws on any other negative code.</summary>
    /// <exception cref="FFmpegException">The code is negative and neither EAGAIN nor EOF.</exception>
    public static CodecResult ToCodecResult(this int result, string context) => result switch
    {
        >= 0 => CodecResult.Ok,
        ErrorCodes.Again => CodecResult.Again,
        ErrorCodes.EndOfFile => CodecResult.EndOfFile,
        _ => throw new FFmpegException(context, result),
    };

    /// <summary>Returns <paramref name="pointer"/> when it is not null; a null from an allocator means out of memory.</summary>
    /// <exception cref="FFmpegException">The pointer is null.</exception>
    public static T* ThrowIfNull<T>(T* pointer, string context)
        where T : unmanaged =>
        pointer == null ? throw new FFmpegException(context, ErrorCodes.OutOfMemory) : pointer;
}
