namespace Ladder.Kubernetes;

/// <summary>
/// The client configuration (kubeconfig or in-cluster environment) is missing, unreadable or incomplete; the
/// message names the file, the entry and what to fix.
/// </summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to fix.</param>
    /// <param name="innerException">The underlying I/O, YAML or crypto error, when there is one.</param>
    public KubeConfigException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
