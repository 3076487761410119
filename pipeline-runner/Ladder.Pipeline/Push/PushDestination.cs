using Ladder.Api.Pipeline;
using Ladder.Api.V1Alpha1;
using Ladder.LibAv;
using Ladder.Pipeline.Audio;
using Ladder.Pipeline.Media;
using Ladder.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Ladder.Pipeline.Push;

/// <summary>
/// One push target as its own stage: a thread that connects, muxes (FLV or MPEG-TS) the target rendition's video and
/// the shared audio, and reconnects with <see cref="PushBackoff"/> when the destination is down or slow.
/// </summary>
/// <remarks>
/// <see cref="Offer"/> never blocks: while a connection is live it references the packet into a bounded queue and
/// drops (and counts) beyond it; while connecting or backing off it ignores packets. Each connection starts on the
/// first video keyframe after its header, with the audio from that time on (a little audio that arrived before the
/// keyframe is held for that), and is rebased so its timestamps start at 0: RTMP servers (nginx-rtmp, platform
/// ingests) take a new publish starting at 0 as a fresh stream, and FLV's 32-bit millisecond timestamps stay far from
/// wrapping. Timestamps are rescaled to each output stream's time base and kept strictly increasing in DTS per stream.
/// </remarks>
internal sealed class PushDestination : IDisposable
{
    private const int PendingAudioLimit = 64;
    private static readonly TimeSpan TakeTimeout = TimeSpan.FromMilliseconds(200);
    private readonly PushSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PushBackoff _backoff;
    private readonly BoundedQueue<PushQueuedPacket> _queue;
    private readonly MediaPool<Packet> _pool;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private volatile TrackInfo? _video;
    private volatile TrackInfo? _audio;
    private volatile bool _accepting;
    private PushState _state = PushState.Connecting;
    private string? _lastError;
    private DateTimeOffset? _nextAttemptAt;
    private DateTimeOffset? _connectedAt;
    private long _bytes;
    private long _packets;
    private long _dropped;
    private long _reconnects;

    /// <summary>Creates the destination; <see cref="Start"/> runs it.</summary>
    public PushDestination(PipelinePushTarget target, PushEndpoint endpoint, PushSettings settings, TimeProvider time, ILogger logger, Func<double>? random = null)
    {
        Target = target;
        Endpoint = endpoint;
        _settings = settings;
        _time = time;
        _logger = logger;
        _backoff = new PushBackoff(settings.BackoffInitial, settings.BackoffMax, settings.HealthyAfter, random);
        _queue = new BoundedQueue<PushQueuedPacket>(settings.QueueCapacity, QueueFullMode.DropNewest);
        _pool = new MediaPool<Packet>(() => new Packet(), p => p.Unref(), settings.QueueCapacity);
        _thread = new Thread(Run) { IsBackground = true, Name = $"push-{target.Name}" };
    }

    /// <summary>The target as resolved (secrets included).</summary>
    public PipelinePushTarget Target { get; }

    /// <summary>What is opened.</summary>
    public PushEndpoint Endpoint { get; }

    /// <summary>Whether this destination takes packets of <paramref name="trackId"/>: its rendition's video and the audio.</summary>
    public bool Wants(string trackId) => trackId == Target.Rendition || trackId == AudioStage.TrackId;

    /// <summary>Starts the destination's thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Sets the current version of one of its tracks (a new video version makes the live connection reconnect).</summary>
    public void SetTrack(TrackInfo track)
    {
        if (track.Id == AudioStage.TrackId)
        {
            _audio = track;
        }
        else if (track.Id == Target.Rendition)
        {
            _video = track;
        }
    }

    /// <summary>Forgets a removed track.</summary>
    public void RemoveTrack(string trackId)
    {
        if (trackId == AudioStage.TrackId)
        {
            _audio = null;
        }
        else if (trackId == Target.Rendition)
        {
            _video = null;
        }
    }

    /// <summary>Queues a reference to <paramref name="packet"/> while live; never blocks, drops and counts when full.</summary>
    public void Offer(in EncodedPacket packet)
    {
        if (!_accepting || !Wants(packet.Track.Id))
        {
            return;
        }
        var copy = _pool.Rent();
        copy.Ref(packet.Packet);
        if (!_queue.TryAdd(new PushQueuedPacket(packet.Track, copy), mustDeliver: false, CancellationToken.None))
        {
            _pool.Return(copy);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>The state and counters now, secrets masked.</summary>
    public PushDestinationStatus GetStatus()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return new PushDestinationStatus(
                Target.Name,
                WireEnum.ToWire(Target.Protocol),
                Target.Rendition,
                Endpoint.MaskedUrl,
                _state,
                _lastError,
                _state == PushState.BackingOff ? _nextAttemptAt : null,
                _state == PushState.Live ? _connectedAt : null,
                _state == PushState.Live && _connectedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
                Interlocked.Read(ref _bytes),
                Interlocked.Read(ref _packets),
                Interlocked.Read(ref _dropped),
                Interlocked.Read(ref _reconnects));
        }
    }

    /// <summary>Asks the thread to stop: aborts a blocked connect or write (the output's interrupt callback).</summary>
    public void Stop()
    {
        _accepting = false;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }
    }

    /// <summary>Waits for the thread to end.</summary>
    /// <returns>False when it did not end within <paramref name="timeout"/>.</returns>
    public bool Join(TimeSpan timeout) => !_thread.IsAlive || _thread.Join(timeout);

    /// <summary>Stops, waits up to 5 s for the thread, and frees the queue's packets.</summary>
    public void Dispose()
    {
        Stop();
        if (Join(TimeSpan.FromSeconds(5)))
        {
            _queue.Complete();
            DrainQueue();
            _pool.Clear();
            _stop.Dispose();
        }
    }

    private void Run()
    {
        var token = _stop.Token;
        var attempt = 0;
        while (!token.IsCancellationRequested)
        {
            if (attempt++ > 0)
            {
                Interlocked.Increment(ref _reconnects);
            }
            SetState(PushState.Connecting, null);
            try
            {
                RunConnection(token);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (PushRestartException restart)
            {
                PushLog.Restarting(_logger, Target.Name, restart.Message);
                continue;
            }
            catch (Exception ex)
            {
                var error = Endpoint.Mask(ex.Message);
                var delay = _backoff.Failed(_time.GetUtcNow());
                lock (_lock)
                {
                    _state = PushState.BackingOff;
                    _lastError = error;
                    _nextAttemptAt = _time.GetUtcNow() + delay;
                }
                PushLog.Failed(_logger, Target.Name, Endpoint.MaskedUrl, delay.TotalSeconds, error);
                if (token.WaitHandle.WaitOne(delay))
                {
                    break;
                }
            }
        }
        SetState(PushState.Stopped, null);
        PushLog.Stopped(_logger, Target.Name);
    }

    private void RunConnection(CancellationToken token)
    {
        var video = WaitForVideo(token);
        var audio = _audio;
        using var options = new MediaDictionary();
        foreach (var (key, value) in Endpoint.Options)
        {
            options.Set(key, value);
        }
        using var output = OutputContext.Create(Endpoint.Url, new OutputOptions
        {
            Format = Endpoint.Format,
            Options = options,
            OpenTimeout = _settings.OpenTimeout,
            WriteTimeout = _settings.WriteTimeout,
        }, token);
        var videoIndex = output.AddStream(video.Parameters, video.TimeBase);
        var audioIndex = audio is null ? -1 : output.AddStream(audio.Parameters, audio.TimeBase);
        output.WriteHeader(null, token);
        var videoTimeBase = output.GetTimeBase(videoIndex);
        var audioTimeBase = audio is null ? default : output.GetTimeBase(audioIndex);

        var connectedAt = _time.GetUtcNow();
        _backoff.Connected(connectedAt);
        lock (_lock)
        {
            _state = PushState.Live;
            _connectedAt = connectedAt;
            _nextAttemptAt = null;
        }
        PushLog.Live(_logger, Target.Name, Endpoint.MaskedUrl, Target.Rendition);

        var baseMicroseconds = Timestamp.None; // the first keyframe's DTS: the connection's zero
        var startMicroseconds = Timestamp.None; // its PTS: audio before it is left out
        long lastVideoDts = long.MinValue, lastAudioDts = long.MinValue;
        var pendingAudio = new Queue<PushQueuedPacket>();
        _accepting = true;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (!_queue.TryTake(out var item, TakeTimeout))
                {
                    continue;
                }
                var isVideo = item.Track.Id == Target.Rendition;
                var current = isVideo ? video : audio;
                if (current is null || current.Version != item.Track.Version)
                {
                    _pool.Return(item.Packet);
                    throw new PushRestartException($"track {item.Track.Id} changed to version {item.Track.Version}");
                }
                if (baseMicroseconds == Timestamp.None)
                {
                    if (!isVideo)
                    {
                        pendingAudio.Enqueue(item);
                        if (pendingAudio.Count > PendingAudioLimit)
                        {
                            _pool.Return(pendingAudio.Dequeue().Packet);
                        }
                        continue;
                    }
                    if (!item.Packet.IsKeyframe)
                    {
                        _pool.Return(item.Packet);
                        continue;
                    }
                    baseMicroseconds = Rational.Rescale(DtsOf(item.Packet), item.Track.TimeBase, Rational.Microseconds);
                    startMicroseconds = Rational.Rescale(PtsOf(item.Packet), item.Track.TimeBase, Rational.Microseconds);
                    while (pendingAudio.TryDequeue(out var early))
                    {
                        WritePacket(output, early, audioIndex, audioTimeBase, baseMicroseconds, startMicroseconds, ref lastAudioDts, token);
                    }
                }
                if (isVideo)
                {
                    WritePacket(output, item, videoIndex, videoTimeBase, baseMicroseconds, baseMicroseconds, ref lastVideoDts, token);
                }
                else
                {
                    WritePacket(output, item, audioIndex, audioTimeBase, baseMicroseconds, startMicroseconds, ref lastAudioDts, token);
                }
            }
        }
        finally
        {
            _accepting = false;
            foreach (var early in pendingAudio)
            {
                _pool.Return(early.Packet);
            }
            DrainQueue();
            lock (_lock)
            {
                _connectedAt = null;
            }
        }
    }

    // Rebases to the connection's first keyframe (its DTS becomes 0), rescales to the stream's time base and writes;
    // packets presented before startMicroseconds or not increasing in DTS are left out.
    private void WritePacket(OutputContext output, PushQueuedPacket item, int index, Rational timeBase, long baseMicroseconds, long startMicroseconds,
        ref long lastDts, CancellationToken token)
    {
        var packet = item.Packet;
        try
        {
            if (Rational.Rescale(PtsOf(packet), item.Track.TimeBase, Rational.Microseconds) < startMicroseconds)
            {
                return;
            }
            var offset = Rational.Rescale(baseMicroseconds, Rational.Microseconds, item.Track.TimeBase);
            var dts = DtsOf(packet) - offset;
            var pts = PtsOf(packet) - offset;
            packet.Pts = pts;
            packet.Dts = dts;
            packet.RescaleTimestamps(item.Track.TimeBase, timeBase);
            if (packet.Dts <= lastDts)
            {
                return;
            }
            lastDts = packet.Dts;
            packet.StreamIndex = index;
            var size = packet.Size;
            output.WriteInterleaved(packet, token);
            Interlocked.Add(ref _bytes, size);
            Interlocked.Increment(ref _packets);
        }
        finally
        {
            _pool.Return(packet);
        }
    }

    private static long DtsOf(Packet packet) => packet.Dts == Timestamp.None ? packet.Pts : packet.Dts;

    private static long PtsOf(Packet packet) => packet.Pts == Timestamp.None ? packet.Dts : packet.Pts;

    private TrackInfo WaitForVideo(CancellationToken token)
    {
        while (true)
        {
            if (_video is { } video)
            {
                return video;
            }
            if (token.WaitHandle.WaitOne(100))
            {
                token.ThrowIfCancellationRequested();
            }
        }
    }

    private void SetState(PushState state, string? error)
    {
        lock (_lock)
        {
            _state = state;
            _nextAttemptAt = null;
            if (error is not null)
            {
                _lastError = error;
            }
        }
    }

    private void DrainQueue()
    {
        while (_queue.TryTake(out var item, TimeSpan.Zero))
        {
            _pool.Return(item.Packet);
        }
    }
}
