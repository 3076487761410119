using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.V1Alpha1;
using Ladder.Pipeline.Secrets;
using Ladder.Pipeline.Tests.Support;

namespace Ladder.Pipeline.Tests.Secrets;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Mask_Should_HideEverySecretOfTheSpec_When_InputsAndPushTargetsHoldThem()
    {
        var spec = Specs.Create(Specs.Input("srt://0.0.0.0:9000", InputProtocol.Srt, InputMode.Listen) with { StreamKey = "in/key", Passphrase = "in-pass-123456" }, [Specs.Rendition("90p", 160, 90)]);
        spec = spec with
        {
            Outputs = spec.Outputs with
            {
                Push = ValueList.Of(new PipelinePushTarget("yt", PushProtocol.Rtmp, "rtmp://a.example/live2/push-key", "90p", ValueMap.Empty) { StreamKey = "push-key", Passphrase = "push-pass-0000" }),
            },
        };
        var text = "in/key in%2Fkey in-pass-123456 rtmp://a.example/live2/push-key?x push-pass-0000";

        var masked = SecretMasker.Of(spec).Mask(text);

        Assert.Equal("**** **** **** rtmp://a.example/live2/****?x ****", masked);
    }

    [Fact]
    public void Mask_Should_HideTheLongerSecretWhole_When_OneSecretContainsAnother()
    {
        var masker = SecretMasker.Of(["abc", "abcdef", null, ""]);

        Assert.Equal("**** ****", masker.Mask("abcdef abc"));
    }

    [Fact]
    public void With_Should_KeepTheOldSecrets_When_AReloadBringsNewOnes()
    {
        var masker = SecretMasker.Of(["old-key"]).With(SecretMasker.Of(["new-key"]));

        Assert.Equal("**** ****", masker.Mask("old-key new-key"));
    }
}
