namespace ImapClient;

/// <summary>The base of every exception this library throws for IMAP-level failures.</summary>
public abstract class ImapException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    protected ImapException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    protected ImapException(string message, Exception? innerException) : base(message, innerException) { }
}
