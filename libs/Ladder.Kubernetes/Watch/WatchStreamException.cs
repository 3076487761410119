namespace Ladder.Kubernetes.Watch;

/// <summary>
/// A watch stream broke: the connection was cut (possibly mid-line), or a line was not a watch event. The
/// watch is over; an informer restarts it from the last resourceVersion it saw, after a backoff.
/// </summary>
public sealed class WatchStreamException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What broke and where.</param>
    /// <param name="innerException">The transport error, when there is one.</param>
    public WatchStreamException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
