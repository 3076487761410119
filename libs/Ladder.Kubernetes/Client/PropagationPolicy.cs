namespace Ladder.Kubernetes;

/// <summary>How the garbage collector treats dependents when an owner is deleted (<c>metav1.DeletionPropagation</c>).</summary>
public enum PropagationPolicy
{
    /// <summary>Dependents are kept; their owner references to the deleted object are removed.</summary>
    Orphan,

    /// <summary>The owner is deleted at once; dependents are deleted in the background.</summary>
    Background,

    /// <summary>The owner stays (with a <c>foregroundDeletion</c> finalizer) until its blocking dependents are gone.</summary>
    Foreground,
}
