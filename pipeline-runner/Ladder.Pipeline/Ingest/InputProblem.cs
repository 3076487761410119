using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ladder.LibAv;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// Says why an input cannot be used, in the sender's terms first (what is wrong with what they send, what to do)
/// and the technical detail after it: the text of the ingest stage's error in <c>/v1/status</c>, which the operator
/// copies into the LiveStream's <c>InputHealthy</c> condition. Secrets are masked by the caller
/// (<see cref="InputSettings.Redact"/>).
/// </summary>
internal static partial class InputProblem
{
    private const int InvalidData = -1094995529; // AVERROR_INVALIDDATA = FFERRTAG('I','N','D','A')

    /// <summary>Why an input that is still connected is unhealthy: no video from it for <paramref name="timeout"/> (<c>spec.failover.inputTimeout</c>).</summary>
    public static string Silent(string name, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"no video from input '{name}' for {timeout.TotalSeconds:0.###} s (spec.failover.inputTimeout).");

    /// <summary>
    /// The reason for an open or read error of <paramref name="settings"/>' input; an <see cref="InvalidDataException"/>
    /// (the ingest's own finding, see <see cref="NoUsableVideo"/>) already says it in these terms. An HTTP error status
    /// that FFmpeg logged during the attempt (<paramref name="libAvWarnings"/>: an HLS playlist or segment answering
    /// 404, 403, 5xx) is the cause of whatever error or timeout followed, so it is named first.
    /// </summary>
    public static string Explain(Exception error, InputSettings settings, IReadOnlyList<string> libAvWarnings)
    {
        var name = settings.Name;
        if (error is FFmpegException && HttpStatus([.. libAvWarnings, error.Message]) is { } http)
        {
            var technical = http.Line == error.Message ? error.Message : $"{http.Line}; then {error.Message}";
            return http.Code switch
            {
                "404" => $"input '{name}': the server answers 404 Not Found: the playlist or its segments are gone (a live source that stopped, or a wrong URL) (technical: {technical})",
                "401" or "403" => $"input '{name}': the server refuses access ({http.Code}): the URL needs credentials or a token the input does not send (technical: {technical})",
                ['5', ..] => $"input '{name}': the server fails ({http.Code}): the origin or CDN in front of the source has a problem (technical: {technical})",
                _ => $"input '{name}': the server answers HTTP {http.Code} (technical: {technical})",
            };
        }

        return error switch
        {
            FFmpegTimeoutException when error.Message.Contains("av_read_frame", StringComparison.Ordinal) =>
                $"no packet for {Seconds(settings.SessionTimeout)} s from input '{name}': the sender went silent without closing the connection, so the input is reopened ({SessionTimeoutRule(settings)}).",
            FFmpegException { ErrorCode: InvalidData } when settings.IsFile && Mp4WithoutIndex(FilePath(settings.Url)) =>
                $"input '{name}': the file ends before its index (moov atom): it was cut while being written; re-copy it once the writer has finished, or record to MPEG-TS or fragmented MP4 (technical: {error.Message})",
            FFmpegException { ErrorCode: InvalidData } when error.Message.Contains("avformat_open_input", StringComparison.Ordinal) =>
                $"input '{name}' is not in any container format FFmpeg reads (damaged, empty, or not media at all); send MPEG-TS, FLV, MP4 or Matroska (technical: {error.Message})",
            InvalidDataException => error.Message,
            EndOfStreamException => error.Message, // the RTMP server's own words: the publisher left or was dropped
            FFmpegException when error.Message.Contains("av_read_frame", StringComparison.Ordinal) =>
                $"input '{name}' broke off (the sender disconnected or the stream is corrupt): {error.Message}",
            _ => $"input '{name}': {error.Message}",
        };
    }

    /// <summary>Where <see cref="InputSettings.SessionTimeout"/> comes from, for the message of a session that timed out.</summary>
    private static string SessionTimeoutRule(InputSettings settings) =>
        settings.SessionTimeout > settings.InputTimeout
            ? $"spec.failover.inputTimeout is {Seconds(settings.InputTimeout)} s; a connection is kept at least {Seconds(settings.SessionTimeout)} s"
            : "spec.failover.inputTimeout";

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The error for an input that delivered no usable video for <paramref name="waited"/>: video packets without any
    /// timestamp (<paramref name="untimed"/>, a raw Annex B elementary stream when the file is one), packets only on
    /// streams this session did not open (<paramref name="otherStream"/>, a codec switch onto a new PID), or else no
    /// keyframe to start decoding on.
    /// </summary>
    public static InvalidDataException NoUsableVideo(InputSettings settings, long untimed, long otherStream, TimeSpan waited)
    {
        var seconds = waited.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var name = settings.Name;
        if (untimed > 0 && settings.IsFile && IsAnnexB(FilePath(settings.Url)))
        {
            return new InvalidDataException(
                $"input '{name}' is a raw H.264/HEVC elementary stream (Annex B) with no timestamps: send it in a container (MPEG-TS, FLV or MP4) (technical: no PTS on video packets, {untimed} in {seconds} s).");
        }

        if (untimed > 0)
        {
            return new InvalidDataException($"input '{name}': no PTS on video packets: {untimed} video packets in {seconds} s carry no timestamp, so none can be placed in time; check the sender's muxer.");
        }

        return otherStream > 0
            ? new InvalidDataException($"input '{name}': the video moved to a stream this session did not open (a codec switch mid-stream, e.g. a new MPEG-TS PID): {otherStream} packets in {seconds} s came on other streams; reopening the input to pick it up.")
            : new InvalidDataException($"input '{name}': no video keyframe (IDR) in {seconds} s, so decoding cannot start; check the sender's keyframe interval (technical: every video packet came before a keyframe or out of DTS order).");
    }

    /// <summary>
    /// The last HTTP error status in <paramref name="texts"/>, as FFmpeg words it in its log (libavformat/http.c:
    /// "HTTP error 404 Not Found") or its error codes (libavutil/error.h <c>AVERROR_HTTP_*</c>: "Server returned 5XX
    /// Server Error reply"); the code keeps FFmpeg's X digits. Null when there is none.
    /// </summary>
    private static (string Code, string Line)? HttpStatus(IReadOnlyList<string> texts)
    {
        for (var i = texts.Count - 1; i >= 0; i--)
        {
            if (HttpErrorPattern().Match(texts[i]) is { Success: true } match)
            {
                return (match.Groups[1].Value, texts[i].Trim());
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:HTTP error |Server returned )([1-5][0-9X]{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex HttpErrorPattern();

    /// <summary>The local path of a <c>file:</c> URL or plain path.</summary>
    private static string FilePath(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : url;

    /// <summary>Whether the file is ISO BMFF (an <c>ftyp</c> box first) whose top-level boxes hold no <c>moov</c>, or whose last box runs past the end.</summary>
    private static bool Mp4WithoutIndex(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            var position = 0L;
            var first = true;
            while (position + 8 <= file.Length)
            {
                file.Position = position;
                file.ReadExactly(header[..8]);
                var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
                var type = Encoding.ASCII.GetString(header[4..8]);
                if (first && type != "ftyp")
                {
                    return false;
                }

                if (type == "moov")
                {
                    return false;
                }

                if (size == 1)
                {
                    file.ReadExactly(header[8..16]);
                    size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                }

                if (size < 8)
                {
                    return true;
                }

                first = false;
                position += size;
            }

            return !first;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether the file starts with an Annex B start code (<c>00 00 01</c> or <c>00 00 00 01</c>).</summary>
    private static bool IsAnnexB(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> start = stackalloc byte[4];
            return file.Read(start) == 4 && start[0] == 0 && start[1] == 0 && (start[2] == 1 || (start[2] == 0 && start[3] == 1));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
