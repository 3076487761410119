using Ladder.Api.Manifests;
using Ladder.Api.Pipeline;
using Ladder.Api.Resolution;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;

namespace Ladder.Api.Tests;

/// <summary>Resolves a one-rendition LiveStream (GOP 1 s) whose <c>spec.outputs</c> a test gives as a YAML flow mapping.</summary>
internal static class OutputsResolution
{
    private static readonly TranscodeProfile Profile = (TranscodeProfile)ManifestReader.Read("""
        apiVersion: ladder.dev/v1alpha1
        kind: TranscodeProfile
        metadata: {name: p, namespace: media}
        spec:
          video:
            gopSeconds: 1
            renditions:
              - {name: 720p, width: 1280, height: 720, bitrate: 2800k}
        """, "p.yaml").Objects.Single().Object;

    /// <summary>The runner spec for <paramref name="outputs"/>, e.g. <c>{hls: {segmentDuration: 2s}}</c>.</summary>
    /// <exception cref="SpecResolutionException">The stream cannot be resolved.</exception>
    public static PipelineSpec Resolve(string outputs) => PipelineResolver.Resolve(Stream(outputs), null, Profile, DictionarySecretSource.Empty);

    /// <summary>The errors resolving <paramref name="outputs"/> names, as <c>field: message</c>; fails the test when it resolves.</summary>
    public static IReadOnlyList<string> Errors(string outputs) =>
        [.. Assert.Throws<SpecResolutionException>(() => Resolve(outputs)).Errors.Select(e => e.ToString())];

    private static LiveStream Stream(string outputs) => (LiveStream)ManifestReader.Read($$"""
        apiVersion: ladder.dev/v1alpha1
        kind: LiveStream
        metadata: {name: s, namespace: media}
        spec:
          profileRef: {name: p}
          inputs:
            - {name: main, url: 'rtmp://0.0.0.0/live'}
          outputs: {{outputs}}
        """, "s.yaml").Objects.Single().Object;
}
