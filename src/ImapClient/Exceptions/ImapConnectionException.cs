namespace ImapClient;

/// <summary>
/// The connection is unusable: it was closed, the server said BYE, an I/O error occurred, or a protocol error broke
/// it. Every command in flight at that moment fails with this exception; <see cref="Exception.InnerException"/> holds
/// the cause when there is one.
/// </summary>
public sealed class ImapConnectionException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the connection is unusable.</param>
    public ImapConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">Why the connection is unusable.</param>
    /// <param name="innerException">The cause.</param>
    public ImapConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
