namespace Ladder.E2E;

/// <summary>The operator suite's tests share one <see cref="OperatorFixture"/>: the CRDs, one namespace, one operator.</summary>
[CollectionDefinition(Name)]
public sealed class OperatorCollection : ICollectionFixture<OperatorFixture>
{
    public const string Name = "operator";
}
