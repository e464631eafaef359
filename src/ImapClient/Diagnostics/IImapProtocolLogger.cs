namespace ImapClient;

/// <summary>
/// Receives the protocol exchange as text, for debugging. Called on the connection's reader and writer paths: keep
/// it quick and thread-safe, and never throw.
/// </summary>
public interface IImapProtocolLogger
{
    /// <summary>One line (or one whole response, literals included) sent or received.</summary>
    /// <param name="entry">What was sent or received, with secrets already redacted.</param>
    void Log(ImapProtocolLogEntry entry);
}

/// <summary>Which way a protocol log entry travelled.</summary>
public enum ImapProtocolDirection
{
    /// <summary>From the client to the server.</summary>
    Sent,

    /// <summary>From the server to the client.</summary>
    Received,
}

/// <summary>One entry of the protocol log.</summary>
/// <param name="Timestamp">When it was sent or received.</param>
/// <param name="Direction">Sent or received.</param>
/// <param name="Text">The bytes as text (CRLF kept); secrets are replaced by <c>***</c>.</param>
public readonly record struct ImapProtocolLogEntry(DateTimeOffset Timestamp, ImapProtocolDirection Direction, string Text);
