namespace ImapClient;

/// <summary>The server returned no data for the message asked for (no such UID, or it was expunged).</summary>
public sealed class ImapMessageNotFoundException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which message was not found.</param>
    public ImapMessageNotFoundException(string message) : base(message) { }
}
