namespace ImapClient;

/// <summary>An exception thrown by one of the caller's event handlers.</summary>
public sealed class EventHandlerFailedEventArgs(Exception exception) : EventArgs
{
    /// <summary>The exception the handler threw.</summary>
    public Exception Exception { get; } = exception;
}
