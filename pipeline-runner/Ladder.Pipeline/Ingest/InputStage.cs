using System.Globalization;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Ingest.Rtmp;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Ingest;

/// <summary>
/// A stage that reads one input (<see cref="InputReader"/>): runs sessions
/// one after another, replays a looping file, stops at the end of a file, and when the input fails (open error, read
/// error or timeout, a sender that closes the stream, a stream without video) reports
/// <see cref="StageState.Reconnecting"/> with the reason and reopens with exponential backoff (0.5 s doubling to 5 s).
/// An RTMP listen input is served by the stage's own <see cref="RtmpServer"/> (bound at the first session, kept until
/// the stage ends): each session takes the next publisher that named the right stream key and reads its media as FLV;
/// refused senders show in the stage's error while it waits, and in the log, never with a key. An SRT listener is
/// opened by libavformat; a caller libsrt refuses (a different passphrase) shows the same way, as far as libsrt's log
/// tells (<see cref="SrtLog"/>). FFmpeg 5.1's SRT listener does not check the caller's streamid.
/// </summary>
internal abstract class InputStage : Stage
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private RtmpServer? _rtmp;

    /// <summary>Creates the stage; <see cref="Stage.Start"/> opens the input.</summary>
    protected InputStage(string id, InputSettings settings, ILogger logger)
        : base(id, "ingest", logger)
    {
        Settings = settings;
    }

    /// <summary>How the input is opened.</summary>
    public InputSettings Settings { get; }

    /// <summary>Opens the input and reads it until it ends; returns whether any packet went out.</summary>
    protected abstract bool RunSession();

    /// <summary>
    /// Records that the input failed with <paramref name="error"/>, FFmpeg having logged <paramref name="libAvWarnings"/>
    /// (redacted) on this input's thread during the attempt; returns the reason to report, secrets masked.
    /// </summary>
    protected abstract string OnInputLost(Exception error, IReadOnlyList<string> libAvWarnings);

    /// <summary>Releases the subclass's resources on the loop thread after <see cref="Run"/> ends (see <see cref="Stage.Finish"/>).</summary>
    protected abstract void FinishInput();

    /// <summary>Records that a file input ended for good, just before the stage reports it stopped.</summary>
    protected virtual void OnEndOfFile(string detail)
    {
    }

    /// <inheritdoc />
    protected sealed override void Finish()
    {
        _rtmp?.Dispose();
        FinishInput();
    }

    /// <inheritdoc />
    protected sealed override void Run()
    {
        var failures = 0;
        var loopsLeft = Settings.Loop;
        using var libAvLog = LibAvLog.Capture();
        while (true)
        {
            Stopping.ThrowIfCancellationRequested();
            libAvLog.Clear();
            try
            {
                if (RunSession())
                {
                    failures = 0;
                }

                if (!Settings.IsFile)
                {
                    throw new EndOfStreamException($"input '{Settings.Name}' ended: the sender closed the stream.");
                }

                if (loopsLeft == 0)
                {
                    var detail = $"input '{Settings.Name}' reached the end of the file.";
                    OnEndOfFile(detail);
                    SetState(StageState.Stopped, detail: detail);
                    return;
                }

                loopsLeft = loopsLeft < 0 ? loopsLeft : loopsLeft - 1;
            }
            catch (Exception error) when (Stopping.IsCancellationRequested && error is not (OperationCanceledException or OutOfMemoryException))
            {
                // Shutting down: a read that fails now (the sender left as we stop, a call interrupted mid-way) is part of stopping, not a fault.
                throw new OperationCanceledException($"input '{Settings.Name}' stopped", error, Stopping);
            }
            catch (Exception error) when (!Stopping.IsCancellationRequested && error is not OutOfMemoryException)
            {
                var reason = OnInputLost(error, libAvLog.Lines);
                var delay = TimeSpan.FromSeconds(Math.Min(0.5 * Math.Pow(2, failures++), MaxBackoff.TotalSeconds));
                SetState(StageState.Reconnecting, reason, $"reopening input '{Settings.Name}' in {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (attempt {failures}).");
                PipelineLog.InputLost(Logger, Settings.Name, delay.TotalSeconds, reason);
                if (Stopping.WaitHandle.WaitOne(delay))
                {
                    Stopping.ThrowIfCancellationRequested();
                }
            }
        }
    }

    /// <summary>
    /// Opens the input (reporting <see cref="StageState.Starting"/>) and finds its video stream, and its audio stream
    /// when <paramref name="withAudio"/>; throws when there is no video. <paramref name="description"/> says what was
    /// found, for the log and the running state.
    /// </summary>
    protected InputContext OpenInput(bool withAudio, out InputSessionStreams streams, out string description)
    {
        var url = Settings.Redact(Settings.Url);
        SetState(StageState.Starting, detail: Settings.Mode == InputMode.Listen ? $"waiting for a sender on {url}" : $"opening {url}");
        using var options = new MediaDictionary();
        foreach (var (key, value) in Settings.Options)
        {
            options.Set(key, value);
        }

        var input = Settings.IsRtmpListen ? OpenRtmpPublisher(url, options) : Settings.IsSrtListen ? OpenSrtListener(options) : InputContext.Open(Settings.Url, Settings.ToInputOptions(options), Stopping);
        try
        {
            var video = input.FindStream(MediaType.Video)
                ?? throw new InvalidDataException(
                    $"input '{Settings.Name}' has no video stream (found: {(input.Streams.Count == 0 ? "no streams at all" : string.Join(", ", input.Streams.Select(s => $"{s.MediaType} {s.CodecName}")))}); send H.264/HEVC video.");
            var audio = withAudio ? input.FindStream(MediaType.Audio) : null;
            streams = new InputSessionStreams(video, audio);
            description = $"{url}: video {video.CodecName} {video.Width}x{video.Height} {video.FrameRate.ToDouble():0.###} fps"
                + (audio is null ? ", no audio" : $", audio {audio.CodecName} {audio.SampleRate} Hz");
            return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for an authenticated RTMP publisher and opens its media with the flv demuxer; the input owns the
    /// publisher's stream, so closing the input (or failing to open it) drops the publisher and frees its place.
    /// </summary>
    private InputContext OpenRtmpPublisher(string url, MediaDictionary options)
    {
        _rtmp ??= RtmpServer.Start(RtmpEndpoint.Parse(Settings.Url), Settings.InputTimeout, OnSenderRefused);
        var publisher = _rtmp.AcceptPublisher(Stopping);
        SetState(StageState.Starting, detail: $"probing the stream of the publisher at {publisher.Remote} on {url}");
        return InputContext.Open(publisher.Media, url, Settings.ToInputOptions(options), Stopping);
    }

    /// <summary>Opens an SRT listener, reporting each caller libsrt refuses meanwhile (<see cref="SrtLog.CallerRejected"/>, when the runner routes libsrt's log).</summary>
    private InputContext OpenSrtListener(MediaDictionary options)
    {
        Action<int, string> refused = (code, reason) => OnSenderRefused(code switch
        {
            1010 => $"sender refused: the sender is using a different SRT passphrase (libsrt: {reason}).",
            1011 => $"sender refused: the sender uses no SRT passphrase and this input requires one, or the other way round (libsrt: {reason}).",
            _ => $"sender refused by libsrt: {reason} (reject code {code}).",
        });
        SrtLog.CallerRejected += refused;
        try
        {
            return InputContext.Open(Settings.Url, Settings.ToInputOptions(options), Stopping);
        }
        finally
        {
            SrtLog.CallerRejected -= refused;
        }
    }

    private void OnSenderRefused(string reason)
    {
        PipelineLog.SenderRefused(Logger, Settings.Name, reason);
        var (state, _, detail) = Snapshot();
        if (state is StageState.Starting or StageState.Reconnecting)
        {
            SetState(state, reason, detail);
        }
    }
}
