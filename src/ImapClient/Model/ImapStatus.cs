namespace ImapClient;

/// <summary>The condition of a status response.</summary>
public enum ImapStatus
{
    /// <summary>OK: success, or information.</summary>
    Ok,

    /// <summary>NO: the operation failed.</summary>
    No,

    /// <summary>BAD: the server did not accept the command (protocol-level error).</summary>
    Bad,

    /// <summary>PREAUTH: the greeting of a connection that is already authenticated.</summary>
    PreAuth,

    /// <summary>BYE: the server is closing the connection.</summary>
    Bye,
}
