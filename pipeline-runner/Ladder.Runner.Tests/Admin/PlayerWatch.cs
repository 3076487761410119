using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Ladder.Runner.Tests.Admin;

/// <summary>
/// Watches a runner's HLS output as a player does, in the background: every 250 ms it reloads the master playlist and
/// every media playlist it ever listed, fetches each new segment and each new init segment, and keeps what a player
/// would notice: a playlist answering 404 after it was served, a media sequence that goes back or skips, a segment
/// whose <c>tfdt</c> does not continue the one before (RFC 8216 section 6.2.1, ISO/IEC 14496-12 section 8.8.12), and
/// the discontinuities per track.
/// </summary>
internal sealed class PlayerWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TrackView> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, (byte[] Hash, long Timescale)> _inits = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public PlayerWatch(HttpClient http)
    {
        _http = http;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>What a player noticed that it should not have: 404s, sequence numbers going back or skipping, timestamps that jump.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>The tracks seen so far (rendition names and <c>audio</c>).</summary>
    public IReadOnlyList<string> Tracks => [.. _tracks.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The highest media sequence number seen on <paramref name="track"/>; -1 before any.</summary>
    public long LastSequence(string track) => _tracks.TryGetValue(track, out var view) ? view.LastSequence : -1;

    /// <summary>Discontinuities so far on <paramref name="track"/>: <c>EXT-X-DISCONTINUITY-SEQUENCE</c> plus the tags in the latest playlist.</summary>
    public long Discontinuities(string track) => _tracks.TryGetValue(track, out var view) ? view.Discontinuities : 0;

    /// <summary>The latest media playlist of <paramref name="track"/>, as served.</summary>
    public string Playlist(string track) => _tracks.TryGetValue(track, out var view) ? view.Text : "";

    /// <summary>The <c>EXT-X-MAP</c> URI of the newest segment of <paramref name="track"/>.</summary>
    public string? InitUri(string track) => _tracks.TryGetValue(track, out var view) ? view.InitUri : null;

    /// <summary>
    /// The longest a player waited for the next new segment of <paramref name="track"/> since <paramref name="since"/>
    /// (UTC): from it to the first new segment, then between new segments, up to the latest (the watch polls every 250 ms).
    /// </summary>
    public TimeSpan LongestWait(string track, DateTime since)
    {
        var arrivals = _tracks.TryGetValue(track, out var view) ? view.Arrivals.Where(a => a > since).Prepend(since).ToList() : [since];
        return arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>Waits until every track named in <paramref name="sequence"/> lists a segment numbered at least its value there.</summary>
    public async Task WaitForAsync(IReadOnlyDictionary<string, long> sequence, TimeSpan timeout, Func<string> log)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (sequence.Any(s => LastSequence(s.Key) < s.Value))
        {
            if (DateTime.UtcNow > deadline)
            {
                var late = string.Join(", ", sequence.Where(s => LastSequence(s.Key) < s.Value).Select(s => $"{s.Key} at {LastSequence(s.Key)} < {s.Value}"));
                throw new TimeoutException($"no new segments within {timeout.TotalSeconds} s ({late}); runner log:\n{log()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Fetches every init segment seen again and records a problem for one that now serves other bytes.</summary>
    public async Task CheckInitsAsync()
    {
        foreach (var (uri, (hash, _)) in _inits)
        {
            var bytes = await _http.GetByteArrayAsync(uri);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash))
            {
                _problems.Enqueue($"{uri} served other bytes");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken token)
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        while (!token.IsCancellationRequested)
        {
            var master = await GetAsync("/hls/master.m3u8", served, token);
            if (master is not null)
            {
                foreach (var line in master.Split('\n').Select(l => l.Trim()))
                {
                    var uri = line.StartsWith('#') ? (line.Split("URI=\"") is [_, var rest] ? rest[..rest.IndexOf('"', StringComparison.Ordinal)] : null) : line;
                    if (uri is { Length: > 0 } && uri.EndsWith(".m3u8", StringComparison.Ordinal))
                    {
                        _tracks.TryAdd(uri.Split('/')[0], new TrackView());
                    }
                }
            }

            foreach (var (track, view) in _tracks)
            {
                var playlist = await GetAsync($"/hls/{track}/playlist.m3u8", served, token);
                if (playlist is not null)
                {
                    await ReadAsync(track, view, playlist, token);
                }
            }

            await Task.Delay(250, token);
        }
    }

    private async Task<string?> GetAsync(string path, HashSet<string> served, CancellationToken token)
    {
        using var response = await _http.GetAsync(path, token);
        if (response.StatusCode == HttpStatusCode.NotFound && served.Contains(path))
        {
            _problems.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {path}: 404 after it was served");
        }

        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        served.Add(path);
        return await response.Content.ReadAsStringAsync(token);
    }

    private async Task ReadAsync(string track, TrackView view, string playlist, CancellationToken token)
    {
        long mediaSequence = 0, discontinuitySequence = 0, tags = 0;
        string? init = null;
        double duration = 0;
        var index = 0;
        foreach (var line in playlist.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))
            {
                mediaSequence = long.Parse(line[22..], CultureInfo.InvariantCulture);
                if (mediaSequence < view.FirstSequence)
                {
                    _problems.Enqueue($"{track}: EXT-X-MEDIA-SEQUENCE went back from {view.FirstSequence} to {mediaSequence}");
                }

                view.FirstSequence = Math.Max(view.FirstSequence, mediaSequence);
            }
            else if (line.StartsWith("#EXT-X-DISCONTINUITY-SEQUENCE:", StringComparison.Ordinal))
            {
                discontinuitySequence = long.Parse(line[30..], CultureInfo.InvariantCulture);
            }
            else if (line == "#EXT-X-DISCONTINUITY")
            {
                tags++;
            }
            else if (line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal))
            {
                init = line[16..line.IndexOf('"', 16)];
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                duration = double.Parse(line[8..].TrimEnd(','), CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                var sequence = mediaSequence + index++;
                if (line != string.Create(CultureInfo.InvariantCulture, $"{sequence}.m4s"))
                {
                    _problems.Enqueue($"{track}: segment {line} listed at media sequence {sequence}");
                }

                if (sequence > view.LastSequence)
                {
                    await AddAsync(track, view, new SegmentView(sequence, duration, init!), token);
                }

            }
        }

        view.Discontinuities = discontinuitySequence + tags;
        view.Text = playlist;
        view.InitUri = init;
    }

    private async Task AddAsync(string track, TrackView view, SegmentView segment, CancellationToken token)
    {
        var initPath = $"/hls/{track}/{segment.Init}";
        if (!_inits.TryGetValue(initPath, out var init))
        {
            var bytes = await _http.GetByteArrayAsync(initPath, token);
            init = (SHA256.HashData(bytes), Fmp4Boxes.Timescale(bytes));
            _inits[initPath] = init;
        }

        var media = await _http.GetByteArrayAsync(string.Create(CultureInfo.InvariantCulture, $"/hls/{track}/{segment.Sequence}.m4s"), token);
        var start = (double)Fmp4Boxes.DecodeTime(media) / init.Timescale;
        if (view.LastSequence >= 0)
        {
            if (segment.Sequence != view.LastSequence + 1)
            {
                _problems.Enqueue($"{track}: media sequence skipped from {view.LastSequence} to {segment.Sequence}");
            }
            else if (Math.Abs(start - view.NextStart) > 0.15)
            {
                _problems.Enqueue($"{track}: segment {segment.Sequence} starts at {start:0.000} s (tfdt), the one before ended at {view.NextStart:0.000} s");
            }
        }

        view.LastSequence = segment.Sequence;
        view.NextStart = start + segment.Duration;
        view.Arrivals.Enqueue(DateTime.UtcNow);
    }

    private sealed class TrackView
    {
        public long FirstSequence { get; set; } = -1;

        public long LastSequence { get; set; } = -1;

        public double NextStart { get; set; }

        public long Discontinuities { get; set; }

        public string? InitUri { get; set; }

        public string Text { get; set; } = "";

        public ConcurrentQueue<DateTime> Arrivals { get; } = new();
    }

    private sealed record SegmentView(long Sequence, double Duration, string Init);
}
