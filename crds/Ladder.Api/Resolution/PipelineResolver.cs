using System.Globalization;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Resolution;

/// <summary>
/// Turns a LiveStream, its Template, its TranscodeProfile and its Secrets into the <see cref="PipelineSpec"/>
/// the runner executes. A pure function: no I/O, the same inputs give an equal spec. The operator passes what
/// it read from the cluster; the runner's standalone mode what it read from a manifest file.
/// </summary>
/// <remarks>
/// Steps: validate the stream (and the Template), merge the stream over the Template, pick the profile
/// (inline or the referenced one, which must be valid), check what needs both (segment duration against
/// the GOP, push renditions), look up the Secrets, apply every default. Every problem found is reported, each
/// with the field path in the LiveStream; a problem in a referenced object is reported on the reference.
/// </remarks>
public static class PipelineResolver
{
    /// <summary>Resolves with the stream's <c>metadata.generation</c> (1 when it has none) as the pipeline generation.</summary>
    /// <exception cref="SpecResolutionException">The stream cannot be resolved; <see cref="SpecResolutionException.Errors"/> says why.</exception>
    /// <exception cref="ArgumentException">The Template or profile passed is not the one the stream references.</exception>
    public static PipelineSpec Resolve(LiveStream stream, Template? template, TranscodeProfile? profile, ISecretSource secrets) =>
        Resolve(stream, template, profile, secrets, stream?.Metadata.Generation ?? 1);

    /// <summary>Resolves with an explicit pipeline generation.</summary>
    /// <exception cref="SpecResolutionException">The stream cannot be resolved; <see cref="SpecResolutionException.Errors"/> says why.</exception>
    /// <exception cref="ArgumentException">The Template or profile passed is not the one the stream references.</exception>
    public static PipelineSpec Resolve(LiveStream stream, Template? template, TranscodeProfile? profile, ISecretSource secrets, long generation)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(secrets);
        var errors = new ErrorList();

        errors.AddRange(new LiveStreamValidator().Validate(stream).ToFieldErrors());
        if (stream.Spec is null)
        {
            throw new SpecResolutionException(errors.ToList());
        }

        // 1. Template.
        var templateRef = stream.Spec.TemplateRef?.Name;
        TemplateSpec? templateSpec = null;
        if (!string.IsNullOrEmpty(templateRef))
        {
            if (template is null)
            {
                errors.Add("spec.templateRef.name", $"Template \"{templateRef}\" not found in namespace \"{NamespaceOf(stream)}\"");
            }
            else
            {
                if (template.Metadata.Name != templateRef)
                {
                    throw new ArgumentException($"the stream references Template \"{templateRef}\", not \"{template.Metadata.Name}\"", nameof(template));
                }
                var templateErrors = new TemplateValidator().Validate(template).ToFieldErrors();
                foreach (var e in templateErrors)
                {
                    errors.Add("spec.templateRef.name", $"Template \"{templateRef}\" is invalid: {e}");
                }
                if (templateErrors.Count == 0)
                {
                    templateSpec = template.Spec;
                }
            }
        }
        else if (template is not null)
        {
            throw new ArgumentException($"the stream has no templateRef, but Template \"{template.Metadata.Name}\" was passed", nameof(template));
        }
        if (errors.Count > 0)
        {
            throw new SpecResolutionException(errors.ToList());
        }

        // 2. Merge, and validate the result as a complete spec.
        var (spec, inherited) = TemplateMerger.Merge(stream.Spec, templateSpec);
        if (templateSpec is not null)
        {
            foreach (var e in new LiveStreamSpecValidator(requireComplete: true, templateRef).Validate(spec).ToFieldErrors("spec"))
            {
                errors.Add(e.Path, e.Message + InheritedNote(e.Path, inherited, templateRef!));
            }
        }
        if (errors.Count > 0)
        {
            throw new SpecResolutionException(errors.ToList());
        }

        // 3. Profile: inline or referenced.
        TranscodeProfileSpec profileSpec;
        string profilePath;
        string profileOrigin;
        if (spec.Profile is not null)
        {
            profileSpec = spec.Profile;
            profilePath = "spec.profile";
            profileOrigin = "the inline profile" + InheritedNote("spec.profile", inherited, templateRef);
            if (profile is not null)
            {
                throw new ArgumentException("the stream has an inline profile, but a TranscodeProfile was passed", nameof(profile));
            }
        }
        else
        {
            var profileName = spec.ProfileRef!.Name!;
            profilePath = "spec.profileRef.name";
            profileOrigin = $"TranscodeProfile \"{profileName}\"";
            if (profile is null)
            {
                errors.Add(profilePath, $"TranscodeProfile \"{profileName}\" not found in namespace \"{NamespaceOf(stream)}\"" + InheritedNote(profilePath, inherited, templateRef));
                throw new SpecResolutionException(errors.ToList());
            }
            if (profile.Metadata.Name != profileName)
            {
                throw new ArgumentException($"the stream references TranscodeProfile \"{profileName}\", not \"{profile.Metadata.Name}\"", nameof(profile));
            }
            foreach (var e in new TranscodeProfileValidator().Validate(profile).ToFieldErrors())
            {
                errors.Add(profilePath, $"TranscodeProfile \"{profileName}\" is invalid: {e}");
            }
            if (errors.Count > 0)
            {
                throw new SpecResolutionException(errors.ToList());
            }
            profileSpec = profile.Spec!;
        }

        // 4. Build, collecting what needs the profile and the Secrets.
        var video = BuildVideo(profileSpec.Video!);
        var audio = BuildAudio(profileSpec.Audio);
        var inputs = BuildInputs(spec, secrets, errors, inherited, templateRef);
        var outputs = BuildOutputs(spec, video, secrets, errors, inherited, templateRef, profileOrigin);
        var failover = new PipelineFailover(
            spec.Failover?.InputTimeout ?? Duration.Parse(Defaults.InputTimeout),
            spec.Failover?.FailbackDelay ?? Duration.Parse(Defaults.FailbackDelay));
        _ = profilePath;
        if (errors.Count > 0)
        {
            throw new SpecResolutionException(errors.ToList());
        }

        var pipeline = new PipelineSpec
        {
            Generation = generation,
            Stream = new StreamIdentity(NamespaceOf(stream), stream.Metadata.Name!) { Uid = stream.Metadata.Uid },
            Paused = spec.Paused ?? false,
            Inputs = inputs,
            Failover = failover,
            Video = video,
            Audio = audio,
            Outputs = outputs,
        };

        // 5. The runner validates what it is given; so do we, before handing it over.
        var pipelineErrors = new PipelineSpecValidator().Validate(pipeline).ToFieldErrors();
        if (pipelineErrors.Count > 0)
        {
            throw new SpecResolutionException([.. pipelineErrors.Select(e => e with { Path = "pipeline." + e.Path })]);
        }
        return pipeline;
    }

    /// <summary>The namespace of a stream; <c>default</c> when unset (a manifest without namespace).</summary>
    public static string NamespaceOf(LiveStream stream) =>
        string.IsNullOrEmpty(stream.Metadata.NamespaceProperty) ? "default" : stream.Metadata.NamespaceProperty;

    private static PipelineVideo BuildVideo(VideoSpec v)
    {
        var codec = v.Codec ?? VideoCodec.H264;
        var hardware = v.Hardware ?? HardwareAcceleration.None;
        var renditions = v.Renditions!.Select(r => r.Passthrough == true
            ? new PipelineRendition(r.Name!) { Passthrough = true }
            : new PipelineRendition(r.Name!)
            {
                Width = r.Width,
                Height = r.Height,
                Fps = r.Fps,
                Bitrate = r.Bitrate!.Value.BitsPerSecond,
                MaxBitrate = (r.MaxBitrate ?? SpecRules.DefaultMaxBitrate(r.Bitrate!.Value)).BitsPerSecond,
                BufferSize = (r.BufferSize ?? SpecRules.DefaultBufferSize(r.Bitrate!.Value)).BitsPerSecond,
                Profile = r.Profile ?? SpecRules.DefaultProfile(codec),
                Level = r.Level is null ? null : CodecLevels.NormalizeName(r.Level),
            }).ToValueList();
        return new PipelineVideo(codec, hardware, SpecRules.VideoEncoder(codec, hardware), v.Preset ?? SpecRules.DefaultPreset(hardware),
            v.GopSeconds ?? Defaults.GopSeconds, renditions);
    }

    private static PipelineAudio BuildAudio(AudioSpec? a)
    {
        var codec = a?.Codec ?? AudioCodec.Aac;
        return new PipelineAudio(codec, codec == AudioCodec.Opus ? "libopus" : "aac",
            (a?.Bitrate ?? Bitrate.Parse(Defaults.AudioBitrate)).BitsPerSecond,
            a?.Channels ?? Defaults.AudioChannels,
            a?.SampleRate ?? Defaults.AudioSampleRate);
    }

    private static ValueList<PipelineInput> BuildInputs(LiveStreamSpec spec, ISecretSource secrets, ErrorList errors, IReadOnlySet<string> inherited, string? templateRef)
    {
        var list = new List<PipelineInput>();
        for (var i = 0; i < spec.Inputs!.Count; i++)
        {
            var input = spec.Inputs[i];
            var path = $"spec.inputs[{i}]";
            var scheme = SpecRules.SchemeOf(input.Url!)!;
            var uri = SpecRules.ParseUrl(input.Url!)!;
            var protocol = PipelineSpecValidator.ProtocolOf(scheme);
            var mode = input.Mode ?? (protocol is InputProtocol.Rtmp or InputProtocol.Srt or InputProtocol.Udp && SpecRules.IsWildcardHost(uri.Host)
                ? InputMode.Listen
                : InputMode.Pull);
            var (key, passphrase) = LookupSecrets(secrets, input.StreamKey, input.Srt, path, errors, inherited, templateRef);
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var url = input.Url!;
            switch (protocol)
            {
                case InputProtocol.Rtmp:
                    if (mode == InputMode.Listen)
                    {
                        options["listen"] = "1";
                    }
                    if (key is not null)
                    {
                        url = AppendPath(url, key);
                    }
                    break;
                case InputProtocol.Srt:
                    options["mode"] = mode == InputMode.Listen ? "listener" : "caller";
                    options["latency"] = SrtLatency(input.Srt);
                    break;
                case InputProtocol.Rtsp:
                    options["rtsp_transport"] = "tcp";
                    break;
                case InputProtocol.Udp:
                    options["overrun_nonfatal"] = "1";
                    break;
                default:
                    break;
            }
            foreach (var (k, v) in input.Options ?? new Dictionary<string, string>())
            {
                options[k] = v;
            }
            list.Add(new PipelineInput(input.Name!, protocol, mode, url, new ValueMap(options)) { StreamKey = key, Passphrase = passphrase });
        }
        return list.ToValueList();
    }

    /// <summary>The Low-Latency HLS settings when <c>lowLatency.enabled</c>, checked against the resolved segment duration and container; else null.</summary>
    private static PipelineHlsLowLatency? BuildLowLatency(HlsOutput? hls, Duration segment, HlsContainer container, ErrorList errors,
        IReadOnlySet<string> inherited, string? templateRef)
    {
        if (hls?.LowLatency is not { Enabled: true } lowLatency)
        {
            return null;
        }
        const string path = "spec.outputs.hls.lowLatency";
        var part = lowLatency.PartTargetDuration ?? Duration.Parse(Defaults.PartTargetDuration);
        if (SpecRules.CheckPartTargetDuration(part, segment) is { } partError)
        {
            errors.Add(path + ".partTargetDuration", partError + InheritedNote(path + ".partTargetDuration", inherited, templateRef));
        }
        if (container != HlsContainer.Fmp4)
        {
            errors.Add(path, "low-latency parts are CMAF chunks; set outputs.hls.container to fmp4" + InheritedNote(path, inherited, templateRef));
        }
        return new PipelineHlsLowLatency(part);
    }

    /// <summary>
    /// The low-latency DASH settings when <c>lowLatency.enabled</c> and DASH is on, checked against the resolved segment
    /// duration and the HLS parts (the chunks are shared); else null.
    /// </summary>
    private static PipelineDashLowLatency? BuildDashLowLatency(DashOutput? dash, Duration segment, PipelineHlsLowLatency? parts, ErrorList errors,
        IReadOnlySet<string> inherited, string? templateRef)
    {
        if (dash is not { LowLatency: { Enabled: true } lowLatency } || dash.Enabled == false)
        {
            return null;
        }
        const string path = "spec.outputs.dash.lowLatency";
        var target = lowLatency.TargetLatency ?? Duration.Parse(Defaults.DashTargetLatency);
        if (SpecRules.CheckTargetLatency(target) is { } targetError)
        {
            errors.Add(path + ".targetLatency", targetError + InheritedNote(path + ".targetLatency", inherited, templateRef));
        }
        var chunk = lowLatency.ChunkDuration ?? parts?.PartTargetDuration ?? Duration.Parse(Defaults.PartTargetDuration);
        if ((SpecRules.CheckPartTargetDuration(chunk, segment) ?? (parts is null ? null : SpecRules.CheckChunkMatchesPart(chunk, parts.PartTargetDuration))) is { } chunkError)
        {
            errors.Add(path + ".chunkDuration", chunkError + InheritedNote(path + ".chunkDuration", inherited, templateRef));
        }
        return new PipelineDashLowLatency(target, chunk);
    }

    private static PipelineOutputs BuildOutputs(LiveStreamSpec spec, PipelineVideo video, ISecretSource secrets, ErrorList errors,
        IReadOnlySet<string> inherited, string? templateRef, string profileOrigin)
    {
        var o = spec.Outputs;
        var gop = video.GopSeconds;
        var segment = o?.Hls?.SegmentDuration ?? Duration.FromSeconds(gop * Defaults.SegmentGops);
        if (o?.Hls?.SegmentDuration is Duration seg && SpecRules.CheckSegmentDuration(seg, gop) is { } segError)
        {
            const string path = "spec.outputs.hls.segmentDuration";
            errors.Add(path, $"{segError} (the GOP is from {profileOrigin})" + InheritedNote(path, inherited, templateRef));
        }
        var window = o?.Hls?.Window ?? Defaults.Window;
        var container = o?.Hls?.Container ?? HlsContainer.Fmp4;
        var hls = new PipelineHls(o?.Hls?.Enabled ?? true, segment, window, container, BuildLowLatency(o?.Hls, segment, container, errors, inherited, templateRef));
        var dash = new PipelineDash(o?.Dash is not null && (o.Dash.Enabled ?? true), segment, o?.Dash?.Window ?? window,
            BuildDashLowLatency(o?.Dash, segment, hls.Enabled ? hls.LowLatency : null, errors, inherited, templateRef));

        var renditionNames = video.Renditions.Select(r => r.Name).ToList();
        var push = new List<PipelinePushTarget>();
        for (var i = 0; i < (o?.Push?.Count ?? 0); i++)
        {
            var t = o!.Push![i];
            var path = $"spec.outputs.push[{i}]";
            var rendition = t.Rendition ?? renditionNames[0];
            if (SpecRules.CheckPushRendition(rendition, renditionNames) is { } rError)
            {
                errors.Add(path + ".rendition", $"{rError} ({profileOrigin})" + InheritedNote(path + ".rendition", inherited, templateRef));
                continue;
            }
            var scheme = SpecRules.SchemeOf(t.Url!)!;
            var protocol = scheme switch { "rtmps" => PushProtocol.Rtmps, "srt" => PushProtocol.Srt, "udp" => PushProtocol.Udp, _ => PushProtocol.Rtmp };
            var (key, passphrase) = LookupSecrets(secrets, t.StreamKey, t.Srt, path, errors, inherited, templateRef);
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var url = t.Url!;
            if (protocol == PushProtocol.Srt)
            {
                options["mode"] = "caller";
                options["latency"] = SrtLatency(t.Srt);
            }
            else if (protocol == PushProtocol.Udp)
            {
                // The udp protocol options (ttl, pkt_size, localaddr; validated) move from the query to the options.
                url = SplitQuery(url, options);
            }
            else if (key is not null)
            {
                url = AppendPath(url, key);
            }
            push.Add(new PipelinePushTarget(t.Name!, protocol, url, rendition, new ValueMap(options))
            {
                Passthrough = video.Renditions.First(r => r.Name == rendition).Passthrough,
                StreamKey = key,
                Passphrase = passphrase,
            });
        }
        if (!hls.Enabled && !dash.Enabled && push.Count == 0 && (o?.Push?.Count ?? 0) == 0)
        {
            errors.Add("spec.outputs", "every output is disabled; enable hls or dash, or add a push target");
        }
        return new PipelineOutputs(hls, dash, push.ToValueList());
    }

    // The URL without its query; the query's name=value pairs go into options.
    private static string SplitQuery(string url, Dictionary<string, string> options)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }
        foreach (var pair in url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            options[parts[0]] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return url[..q];
    }

    // The stream key and SRT passphrase of an input or push target at path: looked up, then checked.
    private static (string? Key, string? Passphrase) LookupSecrets(ISecretSource secrets, SecretValueSource? streamKey, SrtSettings? srt, string path,
        ErrorList errors, IReadOnlySet<string> inherited, string? templateRef)
    {
        var key = Lookup(secrets, streamKey, path + ".streamKey", errors, inherited, templateRef);
        var passphrase = Lookup(secrets, srt?.Passphrase, path + ".srt.passphrase", errors, inherited, templateRef);
        CheckKey(key, path + ".streamKey", streamKey, errors);
        CheckPassphrase(passphrase, path + ".srt.passphrase", srt?.Passphrase, errors);
        return (key, passphrase);
    }

    private static string? Lookup(ISecretSource secrets, SecretValueSource? source, string path, ErrorList errors, IReadOnlySet<string> inherited, string? templateRef)
    {
        if (source?.SecretKeyRef is not { Name: { } name, Key: { } key })
        {
            return null;
        }
        var refPath = path + ".secretKeyRef";
        var value = secrets.GetValue(name, key);
        if (value is null)
        {
            errors.Add(refPath, (secrets.SecretExists(name)
                ? $"Secret \"{name}\" has no key \"{key}\""
                : $"Secret \"{name}\" not found") + InheritedNote(refPath, inherited, templateRef));
        }
        return value;
    }

    private static void CheckKey(string? key, string path, SecretValueSource? source, ErrorList errors)
    {
        if (key is null)
        {
            return;
        }
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#'))
        {
            errors.Add(path + ".secretKeyRef", $"the value of Secret \"{source!.SecretKeyRef!.Name}\" key \"{source.SecretKeyRef.Key}\" is not a usable stream key (empty, or has whitespace, '/', '?' or '#')");
        }
    }

    private static void CheckPassphrase(string? passphrase, string path, SecretValueSource? source, ErrorList errors)
    {
        if (passphrase is not null && passphrase.Length is < 10 or > 79)
        {
            errors.Add(path + ".secretKeyRef", $"the value of Secret \"{source!.SecretKeyRef!.Name}\" key \"{source.SecretKeyRef.Key}\" has {passphrase.Length} characters; an SRT passphrase has 10 to 79");
        }
    }

    private static string AppendPath(string url, string segment)
    {
        var q = url.IndexOfAny(['?', '#']);
        var (head, tail) = q < 0 ? (url, "") : (url[..q], url[q..]);
        return head.TrimEnd('/') + "/" + segment + tail;
    }

    // The SRT latency option in microseconds (libavformat's unit), default 200ms.
    private static string SrtLatency(SrtSettings? srt)
    {
        var latency = srt?.Latency ?? Duration.Parse(Defaults.SrtLatency);
        return ((long)Math.Round(latency.Value.Ticks / 10.0)).ToString(CultureInfo.InvariantCulture);
    }

    private static string InheritedNote(string path, IReadOnlySet<string> inherited, string? templateRef)
    {
        if (templateRef is null)
        {
            return "";
        }
        foreach (var p in inherited)
        {
            if (path == p || path.StartsWith(p + ".", StringComparison.Ordinal) || path.StartsWith(p + "[", StringComparison.Ordinal))
            {
                return $" (inherited from Template \"{templateRef}\")";
            }
        }
        return "";
    }

    /// <summary>An ordered list of errors without duplicates.</summary>
    private sealed class ErrorList
    {
        private readonly List<FieldError> _items = [];
        private readonly HashSet<FieldError> _seen = [];

        public int Count => _items.Count;

        public void Add(string path, string message) => Add(new FieldError(path, message));

        public void Add(FieldError error)
        {
            if (_seen.Add(error))
            {
                _items.Add(error);
            }
        }

        public void AddRange(IEnumerable<FieldError> errors)
        {
            foreach (var e in errors)
            {
                Add(e);
            }
        }

        public List<FieldError> ToList() => [.. _items];
    }
}
