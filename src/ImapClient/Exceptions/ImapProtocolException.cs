namespace ImapClient;

/// <summary>The server sent bytes that break the IMAP grammar, or exceeded one of the configured limits.</summary>
public sealed class ImapProtocolException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the server's data.</param>
    public ImapProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was wrong with the server's data.</param>
    /// <param name="innerException">The cause.</param>
    public ImapProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
