namespace Ladder.E2E;

/// <summary>A theory that runs only against a real cluster, skipped like <see cref="ClusterFactAttribute"/>.</summary>
public sealed class ClusterTheoryAttribute : TheoryAttribute
{
    public ClusterTheoryAttribute() => Skip = ClusterFactAttribute.SkipReason();
}
