using Ladder.Kubernetes.Models;

namespace Ladder.ControllerRuntime.Finalizers;

/// <summary>
/// Finalizer helpers on object metadata (controller-runtime <c>controllerutil.AddFinalizer</c>/<c>RemoveFinalizer</c>/
/// <c>ContainsFinalizer</c>). They change the object in memory; the caller writes it back when they return true.
/// </summary>
public static class FinalizerExtensions
{
    /// <summary>True when <c>metadata.finalizers</c> contains <paramref name="finalizer"/>.</summary>
    public static bool HasFinalizer(this KubernetesObject obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata.Finalizers?.Contains(finalizer) == true;
    }

    /// <summary>Appends <paramref name="finalizer"/> unless present; returns whether the object changed.</summary>
    public static bool AddFinalizer(this KubernetesObject obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(finalizer);
        if (obj.HasFinalizer(finalizer))
        {
            return false;
        }

        (obj.Metadata.Finalizers ??= []).Add(finalizer);
        return true;
    }

    /// <summary>Removes every occurrence of <paramref name="finalizer"/>; returns whether the object changed.</summary>
    public static bool RemoveFinalizer(this KubernetesObject obj, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var finalizers = obj.Metadata.Finalizers;
        if (finalizers is null || !finalizers.Contains(finalizer))
        {
            return false;
        }

        while (finalizers.Remove(finalizer))
        {
        }

        return true;
    }
}
