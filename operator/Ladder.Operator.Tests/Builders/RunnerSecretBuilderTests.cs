using System.Text;
using Ladder.Api.Pipeline;
using Ladder.Operator.Builders;
using Ladder.Operator.Tests.Support;

namespace Ladder.Operator.Tests.Builders;

public sealed class RunnerSecretBuilderTests
{
    [Fact]
    public void Build_Should_HoldSpecJsonWithKey_And_Token()
    {
        var inputs = TestObjects.Inputs(token: "t0ken");

        var secret = RunnerSecretBuilder.Build(inputs);

        Assert.Equal(("v1", "Secret", "news-pipeline", "Opaque"), (secret.ApiVersion, secret.Kind, secret.Metadata.Name, secret.Type));
        var json = Encoding.UTF8.GetString(secret.Data!["pipeline.json"]);
        Assert.Equal(inputs.Pipeline, PipelineSpec.FromJson(json));
        Assert.Contains(TestObjects.StreamKey, json, StringComparison.Ordinal);
        Assert.Equal("t0ken", Encoding.UTF8.GetString(secret.Data["admin-token"]));
        Assert.True(secret.Metadata.OwnerReferences!.Single().Controller);
        Assert.Equal("1", secret.Metadata.Annotations!["ladder.dev/pipeline-generation"]);
    }

    [Fact]
    public void TokenFrom_Should_KeepExistingToken_And_CreateRandomOnes_When_None()
    {
        var existing = RunnerSecretBuilder.Build(TestObjects.Inputs(token: "kept"));

        Assert.Equal("kept", RunnerSecretBuilder.TokenFrom(existing));
        var first = RunnerSecretBuilder.TokenFrom(null);
        Assert.Equal(64, first.Length);
        Assert.NotEqual(first, RunnerSecretBuilder.TokenFrom(null));
    }

    [Fact]
    public void NextGeneration_Should_StayWhenUnchanged_AndMoveWhenChanged()
    {
        var stored = TestObjects.Inputs(generation: 4).Pipeline;

        Assert.Equal(1, RunnerSecretBuilder.NextGeneration(null, stored));
        Assert.Equal(4, RunnerSecretBuilder.NextGeneration(stored, stored with { Generation = 9 }));
        var changed = TestObjects.Inputs(profile: TestObjects.Profile(bitrate: "3M"), generation: 4).Pipeline;
        Assert.Equal(5, RunnerSecretBuilder.NextGeneration(stored, changed));
    }
}
