namespace Ladder.E2E;

/// <summary>Every contract test class shares one <see cref="ClusterFixture"/>: one namespace, one CRD install.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
