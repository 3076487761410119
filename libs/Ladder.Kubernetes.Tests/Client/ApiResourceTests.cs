namespace Ladder.Kubernetes.Tests.Client;

public sealed class ApiResourceTests
{
    [Fact]
    public void For_Should_NameGroupVersionPluralAndKind_When_TheEntityIsAttributed()
    {
        var resource = ApiResource.For<Widget>();

        Assert.Equal("example.com/v1alpha1", resource.ApiVersion);
        Assert.Equal("Widget", resource.Kind);
        Assert.Equal("/apis/example.com/v1alpha1/namespaces/demo/widgets/w1/status", resource.GetPath("demo", "w1", "status"));
    }

    [Fact]
    public void For_Should_SayWhatIsMissing_When_TheTypeHasNoKubernetesEntity()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiResource.For<WidgetSpec>());

        Assert.Contains("WidgetSpec has no [KubernetesEntity]", error.Message, StringComparison.Ordinal);
    }
}
