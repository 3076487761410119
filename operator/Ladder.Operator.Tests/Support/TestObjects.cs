using k8s.Models;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Resolution;
using Ladder.Api.V1Alpha1;
using Ladder.Operator.Builders;

namespace Ladder.Operator.Tests.Support;

/// <summary>Streams, profiles and secrets for tests, plus the builders' inputs resolved from them.</summary>
internal static class TestObjects
{
    public const string Namespace = "media";
    public const string StreamKey = "super-secret-key-123";

    public static TranscodeProfile Profile(string name = "hd", string bitrate = "2800k", HardwareAcceleration hardware = HardwareAcceleration.None) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new TranscodeProfileSpec
        {
            Video = new VideoSpec
            {
                Hardware = hardware,
                Renditions =
                [
                    new Rendition { Name = "720p", Width = 1280, Height = 720, Bitrate = Bitrate.Parse(bitrate) },
                    new Rendition { Name = "360p", Width = 640, Height = 360, Bitrate = Bitrate.Parse("800k") },
                ],
            },
        },
    };

    public static LiveStream Stream(string name = "news", string? profile = "hd", string? template = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Uid = "uid-" + name, Generation = 1 },
        Spec = new LiveStreamSpec
        {
            ProfileRef = profile is null ? null : new LocalObjectReference { Name = profile },
            TemplateRef = template is null ? null : new LocalObjectReference { Name = template },
            Inputs = template is not null ? null :
            [
                new StreamInput
                {
                    Name = "studio",
                    Url = "rtmp://0.0.0.0:1935/live",
                    StreamKey = new SecretValueSource { SecretKeyRef = new SecretKeySelector { Name = "ingest", Key = "key" } },
                },
                new StreamInput { Name = "backup", Url = "srt://0.0.0.0:9000" },
            ],
        },
    };

    public static V1Secret IngestSecret(string key = StreamKey) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = "ingest", NamespaceProperty = Namespace },
        Data = new Dictionary<string, byte[]> { ["key"] = System.Text.Encoding.UTF8.GetBytes(key) },
    };

    public static ISecretSource Secrets(string key = StreamKey) => DictionarySecretSource.Of(("ingest", "key", key));

    /// <summary>The builders' inputs for a stream with its profile, resolved as the reconciler does.</summary>
    public static RunnerInputs Inputs(LiveStream? stream = null, TranscodeProfile? profile = null, long generation = 1, string token = "token-1")
    {
        stream ??= Stream();
        profile ??= Profile();
        PipelineSpec pipeline = PipelineResolver.Resolve(stream, null, profile, Secrets(), generation);
        return new RunnerInputs(stream, stream.Spec!, pipeline, token);
    }
}
