using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Ladder.LibAv.Native.Structs;
using Ladder.LibAv.Tests.Support;

namespace Ladder.LibAv.Tests.Native;

/// <summary>
/// Compiles a C program against the installed FFmpeg -dev headers that prints offsetof/sizeof of every field the C#
/// structs declare (and the enum values the safe layer hard-codes), and compares them with the C# declarations.
/// </summary>
public sealed class StructLayoutTests
{
    private static readonly string[] Headers =
    [
        "libavformat/avformat.h", "libavformat/avio.h", "libavcodec/avcodec.h", "libavcodec/bsf.h", "libavutil/hwcontext.h",
        "libavutil/channel_layout.h", "libavutil/dict.h", "libavfilter/avfilter.h", "libavutil/pixfmt.h", "libavutil/samplefmt.h",
    ];

    private static readonly (string CName, int Value)[] Constants =
    [
        ("AV_PIX_FMT_NONE", PixelFormat.None.Value), ("AV_PIX_FMT_YUV420P", PixelFormat.Yuv420P.Value),
        ("AV_PIX_FMT_YUVJ420P", PixelFormat.Yuvj420P.Value), ("AV_PIX_FMT_NV12", PixelFormat.Nv12.Value),
        ("AV_PIX_FMT_VAAPI", PixelFormat.Vaapi.Value), ("AV_PIX_FMT_QSV", PixelFormat.Qsv.Value), ("AV_PIX_FMT_CUDA", PixelFormat.Cuda.Value),
        ("AV_SAMPLE_FMT_NONE", SampleFormat.None.Value), ("AV_SAMPLE_FMT_S16", SampleFormat.S16.Value), ("AV_SAMPLE_FMT_FLT", SampleFormat.Flt.Value),
        ("AV_SAMPLE_FMT_S16P", SampleFormat.S16P.Value), ("AV_SAMPLE_FMT_FLTP", SampleFormat.FltP.Value),
        ("AVMEDIA_TYPE_VIDEO", (int)MediaType.Video), ("AVMEDIA_TYPE_AUDIO", (int)MediaType.Audio), ("AVMEDIA_TYPE_DATA", (int)MediaType.Data),
        ("AVMEDIA_TYPE_SUBTITLE", (int)MediaType.Subtitle), ("AV_PICTURE_TYPE_I", (int)PictureType.I), ("AV_PICTURE_TYPE_P", (int)PictureType.P),
        ("AV_PICTURE_TYPE_B", (int)PictureType.B), ("AV_ROUND_NEAR_INF", (int)Rounding.NearestAwayFromZero), ("AV_ROUND_DOWN", (int)Rounding.Down),
        ("AVERROR(EAGAIN)", ErrorCodes.Again), ("AVERROR_EOF", ErrorCodes.EndOfFile), ("AVERROR_EXIT", ErrorCodes.Exit),
        ("AVERROR(ENOMEM)", ErrorCodes.OutOfMemory), ("SWS_BICUBIC", (int)ScalingAlgorithm.Bicubic), ("SWS_LANCZOS", (int)ScalingAlgorithm.Lanczos),
        ("SWS_AREA", (int)ScalingAlgorithm.Area),
    ];

    [Fact]
    public void DeclaredFieldsAndSizes_Should_MatchInstalledHeaders()
    {
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var program = new StringBuilder();
        foreach (var header in Headers.Append("libswscale/swscale.h"))
        {
            program.AppendLine($"#include <{header}>");
        }

        program.AppendLine("#include <stdio.h>\n#include <stddef.h>\nint main(void) {");
        foreach (var type in DeclaredStructs())
        {
            var size = type.StructLayoutAttribute!.Size;
            if (size > 0)
            {
                expected[$"{type.Name} sizeof"] = size.ToString();
                program.AppendLine($"printf(\"{type.Name} sizeof %zu\\n\", sizeof({type.Name}));");
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var cName = field.GetCustomAttribute<NativeNameAttribute>()?.Name ?? field.Name;
                expected[$"{type.Name}.{cName}"] = $"{Marshal.OffsetOf(type, field.Name)} {FieldSize(field)}";
                program.AppendLine(
                    $"printf(\"{type.Name}.{cName} %zu %zu\\n\", offsetof({type.Name}, {cName}), sizeof((({type.Name}*)0)->{cName}));");
            }
        }

        foreach (var (cName, value) in Constants)
        {
            expected[$"const {cName}"] = value.ToString();
            program.AppendLine($"printf(\"const {cName} %d\\n\", (int)({cName}));");
        }

        program.AppendLine("return 0; }");
        var actual = CompileAndRun(program.ToString())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0] == "const" ? $"const {parts[1].Split(' ')[0]}" : parts[0] + (parts[1].StartsWith("sizeof") ? " sizeof" : string.Empty),
                parts => parts[0] == "const" ? parts[1].Split(' ')[1] : parts[1].Replace("sizeof ", string.Empty));

        Assert.True(expected.Count > 100, $"only {expected.Count} declarations found");
        var mismatches = expected.Where(e => !actual.TryGetValue(e.Key, out var value) || value != e.Value)
            .Select(e => $"{e.Key}: C# {e.Value}, C {actual.GetValueOrDefault(e.Key, "missing")}")
            .ToList();
        Assert.True(mismatches.Count == 0, "Layout mismatches (offset size):\n" + string.Join('\n', mismatches));
    }

    private static IEnumerable<Type> DeclaredStructs() =>
        typeof(AVPacket).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AVPacket).Namespace && t.IsValueType && t.StructLayoutAttribute?.Value == LayoutKind.Explicit)
            .Where(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length > 0);

    private static int FieldSize(FieldInfo field)
    {
        if (field.GetCustomAttribute<FixedBufferAttribute>() is { } fixedBuffer)
        {
            return Marshal.SizeOf(fixedBuffer.ElementType) * fixedBuffer.Length;
        }

        var type = field.FieldType;
        return type.IsPointer || type.IsFunctionPointer || type.IsUnmanagedFunctionPointer ? IntPtr.Size : Marshal.SizeOf(type);
    }

    private static string CompileAndRun(string source)
    {
        using var sourceFile = new TempFile(".c");
        using var binary = new TempFile(string.Empty);
        File.WriteAllText(sourceFile.Path, source);
        var cflags = Run("pkg-config", "--cflags libavformat libavcodec libavutil libavfilter libswscale libswresample").Trim();
        Run("gcc", $"-Wno-deprecated-declarations {cflags} -o {binary.Path} {sourceFile.Path}");
        return Run(binary.Path, string.Empty);
    }

    private static string Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {arguments} failed ({process.ExitCode}): {error}");
        return output.Result;
    }
}
