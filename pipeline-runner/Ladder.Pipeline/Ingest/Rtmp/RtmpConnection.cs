using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>
/// One client of an <see cref="RtmpServer"/>, from the handshake to the end of its stream (Adobe RTMP specification
/// sections 5 to 7): it must complete the handshake and reach <c>publish</c> within <see cref="SetupTimeout"/>, or it
/// is dropped. It answers <c>connect</c> (Window Acknowledgement Size, Set Peer Bandwidth, Set Chunk Size, then
/// <c>_result</c> NetConnection.Connect.Success; a wrong application gets <c>_error</c> NetConnection.Connect.Rejected),
/// <c>createStream</c> (<c>_result</c> with stream id 1) and <c>publish</c>: a wrong stream key, or a second publisher
/// while one is live, gets <c>onStatus</c> level "error" code <c>NetStream.Publish.BadName</c> and the connection is
/// closed; the right key gets Stream Begin and <c>onStatus</c> NetStream.Publish.Start, and from then on its audio,
/// video and data messages go to <see cref="Media"/> as FLV tags. <c>deleteStream</c>, <c>FCUnpublish</c> or closing
/// the connection ends the stream. Until it publishes, a message may hold at most 64 KiB (commands), then 8 MiB (video
/// frames). Refusals are reported to the server in the user's terms, never with a key.
/// </summary>
internal sealed class RtmpConnection : IDisposable
{
    /// <summary>The time from accepting the connection to a successful <c>publish</c>.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(5);

    private const int MaxCommandSize = 64 * 1024;
    private const int MaxMediaMessageSize = 8 * 1024 * 1024;
    private const int OutChunkSize = 4096;
    private const int WindowSize = 2_500_000;
    private const uint PublishStreamId = 1;
    private const int ControlChunkStream = 2;
    private const int CommandChunkStream = 3;
    private const int StatusChunkStream = 5;
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly RtmpServer _server;
    private readonly RtmpEndpoint _endpoint;
    private readonly CancellationTokenSource _abort = new();
    private readonly RtmpChunkReader _reader;
    private readonly RtmpChunkWriter _writer;
    private long _peerWindow;
    private long _acknowledged;
    private int _disposed;
    private volatile bool _publishing;
    private long _lastMedia;

    /// <summary>Wraps an accepted client; <see cref="RunAsync"/> serves it.</summary>
    public RtmpConnection(TcpClient client, RtmpServer server, RtmpEndpoint endpoint)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        _server = server;
        _endpoint = endpoint;
        _reader = new RtmpChunkReader(_stream, MaxCommandSize);
        _writer = new RtmpChunkWriter(_stream);
        Remote = client.Client.RemoteEndPoint?.ToString() ?? "an unknown address";
        Media = new FlvPipe(Dispose);
    }

    /// <summary>The client's address and port, for messages.</summary>
    public string Remote { get; }

    /// <summary>The published media as an FLV byte stream; disposing it drops the connection.</summary>
    public FlvPipe Media { get; }

    /// <summary>How long the publisher has sent no audio or video (since it started publishing when it sent none yet).</summary>
    public TimeSpan SilentFor => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastMedia));

    /// <summary>Whether the client is publishing: its <c>publish</c> was accepted and its stream has not ended.</summary>
    public bool IsPublishing { get => _publishing; private set => _publishing = value; }

    /// <summary>Serves the client until its stream ends, it is refused, or the connection is dropped; never throws.</summary>
    public async Task RunAsync()
    {
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        setup.CancelAfter(SetupTimeout);
        var waitingFor = "complete the RTMP handshake";
        try
        {
            await RtmpHandshake.AcceptAsync(_stream, setup.Token).ConfigureAwait(false);
            waitingFor = "start publishing";
            while (await ServeAsync(await _reader.ReadMessageAsync(IsPublishing ? _abort.Token : setup.Token).ConfigureAwait(false)).ConfigureAwait(false))
            {
                await AcknowledgeAsync().ConfigureAwait(false);
            }

            Media.Complete();
        }
        catch (OperationCanceledException) when (!_abort.IsCancellationRequested && !IsPublishing)
        {
            _server.Refused($"dropped the connection from {Remote}: it did not {waitingFor} within {SetupTimeout.TotalSeconds:0} s.");
        }
        catch (InvalidDataException error)
        {
            _server.Refused(IsPublishing ? $"the publisher at {Remote} broke the RTMP protocol: {error.Message}" : $"refused the connection from {Remote}: {error.Message}");
            Media.Complete($"the RTMP publisher at {Remote} broke the protocol: {error.Message}");
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Media.Complete(IsPublishing && !_abort.IsCancellationRequested ? $"the RTMP connection from {Remote} broke: {error.Message}" : null);
        }
        finally
        {
            IsPublishing = false;
            _server.Release(this);
            Dispose();
        }
    }

    /// <summary>Drops the connection (the reader is done with it, or the server stops).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _abort.Cancel();
            Media.Complete();
            _client.Dispose();
        }
    }

    /// <summary>Handles one message; returns false when the connection is to end.</summary>
    private async Task<bool> ServeAsync(RtmpMessage message)
    {
        switch (message.Type)
        {
            case RtmpMessage.Audio or RtmpMessage.Video when IsPublishing:
                Interlocked.Exchange(ref _lastMedia, Stopwatch.GetTimestamp());
                await Media.WriteTagAsync(message.Type, message.Timestamp, message.Payload, _abort.Token).ConfigureAwait(false);
                return true;
            case RtmpMessage.Data when IsPublishing:
                await Media.WriteTagAsync(message.Type, message.Timestamp, WithoutSetDataFrame(message.Payload), _abort.Token).ConfigureAwait(false);
                return true;
            case RtmpMessage.WindowAcknowledgementSize when message.Payload.Length >= 4:
                _peerWindow = BinaryPrimitives.ReadUInt32BigEndian(message.Payload);
                return true;
            case RtmpMessage.UserControl when message.Payload.Length >= 6 && BinaryPrimitives.ReadUInt16BigEndian(message.Payload) == 6:
                var pong = (byte[])message.Payload.Clone(); // Ping Request (6) → Ping Response (7) with the same timestamp
                pong[1] = 7;
                await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessage.UserControl, 0, 0, pong)).ConfigureAwait(false);
                return true;
            case RtmpMessage.Command:
                return await CommandAsync(Amf0.DecodeAll(message.Payload)).ConfigureAwait(false);
            default:
                return true; // acknowledgements, bandwidth, media before publish: nothing to do
        }
    }

    private async Task<bool> CommandAsync(List<object?> values)
    {
        var name = values.Count > 0 ? values[0] as string : null;
        var transaction = values.Count > 1 && values[1] is double id ? id : 0;
        switch (name)
        {
            case "connect":
                var app = values.Count > 2 && values[2] is Dictionary<string, object?> properties && properties.TryGetValue("app", out var value) ? value as string : null;
                if (!_endpoint.IsApplication(app))
                {
                    await SendCommandAsync(0, "_error", transaction, null, Status("error", "NetConnection.Connect.Rejected", "Unknown application.")).ConfigureAwait(false);
                    return await RefuseAsync($"publisher refused: it asked for the application '{app}', this input's is '{_endpoint.Application}' (from {Remote}).").ConfigureAwait(false);
                }

                await SendAsync(ControlChunkStream, Control(RtmpMessage.WindowAcknowledgementSize, WindowSize)).ConfigureAwait(false);
                await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessage.SetPeerBandwidth, 0, 0, [.. UInt32(WindowSize), 2])).ConfigureAwait(false);
                await SendAsync(ControlChunkStream, Control(RtmpMessage.SetChunkSize, OutChunkSize)).ConfigureAwait(false);
                _writer.ChunkSize = OutChunkSize;
                await SendCommandAsync(
                    0,
                    "_result",
                    transaction,
                    new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                    new Dictionary<string, object?>(Status("status", "NetConnection.Connect.Success", "Connection succeeded.")) { ["objectEncoding"] = 0.0 }).ConfigureAwait(false);
                return true;
            case "createStream":
                await SendCommandAsync(0, "_result", transaction, null, (double)PublishStreamId).ConfigureAwait(false);
                return true;
            case "publish":
                return await PublishAsync(values.Count > 3 ? values[3] as string : null).ConfigureAwait(false);
            case "deleteStream" or "FCUnpublish" or "closeStream":
                return !IsPublishing;
            default:
                return true; // releaseStream, FCPublish and the like need no answer
        }
    }

    private async Task<bool> PublishAsync(string? streamName)
    {
        if (IsPublishing)
        {
            return true;
        }

        if (!_endpoint.IsKey(streamName))
        {
            await SendStatusAsync("error", "NetStream.Publish.BadName", "Wrong stream key.").ConfigureAwait(false);
            return await RefuseAsync($"publisher refused: wrong stream key (from {Remote}).").ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _lastMedia, Stopwatch.GetTimestamp()); // silent from here on, until its first media
        if (!_server.TryClaim(this))
        {
            await SendStatusAsync("error", "NetStream.Publish.BadName", "Another sender is already publishing this stream.").ConfigureAwait(false);
            return await RefuseAsync($"publisher refused: another sender is already publishing (from {Remote}).").ConfigureAwait(false);
        }

        IsPublishing = true;
        _reader.MaxMessageSize = MaxMediaMessageSize;
        await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessage.UserControl, 0, 0, [0, 0, .. UInt32(PublishStreamId)])).ConfigureAwait(false); // Stream Begin
        await SendStatusAsync("status", "NetStream.Publish.Start", "Publishing.").ConfigureAwait(false);
        _server.Publish(this);
        return true;
    }

    /// <summary>Reports the refusal, lets the client read the answer already sent (half-close, then up to 2 s of draining), and ends the connection.</summary>
    private async Task<bool> RefuseAsync(string reason)
    {
        _server.Refused(reason);
        _client.Client.Shutdown(SocketShutdown.Send);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        drain.CancelAfter(TimeSpan.FromSeconds(2));
        var sink = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(sink, drain.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            // the client is gone or keeps sending: either way the connection ends now
        }

        return false;
    }

    private async Task AcknowledgeAsync()
    {
        if (_peerWindow > 0 && _reader.BytesRead - _acknowledged >= _peerWindow)
        {
            _acknowledged = _reader.BytesRead;
            await SendAsync(ControlChunkStream, Control(RtmpMessage.Acknowledgement, (uint)_acknowledged)).ConfigureAwait(false);
        }
    }

    private Task SendStatusAsync(string level, string code, string description) =>
        SendCommandAsync(PublishStreamId, "onStatus", 0.0, null, Status(level, code, description));

    private Task SendCommandAsync(uint streamId, string name, double transaction, object? properties, object? information) =>
        SendAsync(streamId == 0 ? CommandChunkStream : StatusChunkStream, new RtmpMessage(RtmpMessage.Command, streamId, 0, Amf0.Encode(name, transaction, properties, information)));

    private Task SendAsync(int chunkStream, RtmpMessage message) => _writer.WriteAsync(chunkStream, message, _abort.Token);

    private static Dictionary<string, object?> Status(string level, string code, string description) =>
        new() { ["level"] = level, ["code"] = code, ["description"] = description };

    private static RtmpMessage Control(byte type, uint value) => new(type, 0, 0, UInt32(value));

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A data message without its leading <c>@setDataFrame</c> string (what the FLV file holds is <c>onMetaData</c> and its object).</summary>
    private static ReadOnlySpan<byte> WithoutSetDataFrame(byte[] payload)
    {
        ReadOnlySpan<byte> prefix = [2, 0, 13, .. "@setDataFrame"u8];
        return payload.AsSpan().StartsWith(prefix) ? payload.AsSpan(prefix.Length) : payload;
    }
}
