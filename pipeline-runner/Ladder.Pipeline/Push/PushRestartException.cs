namespace Ladder.Pipeline.Push;

/// <summary>Ends a live connection on purpose (a track changed its codec parameters): reconnect at once, without backoff.</summary>
internal sealed class PushRestartException(string message) : Exception(message);
