namespace ImapClient;

/// <summary>The IMAP connection state (RFC 3501 section 3).</summary>
public enum ImapConnectionState
{
    /// <summary>Connected; not yet logged in.</summary>
    NotAuthenticated,

    /// <summary>Logged in; no mailbox selected.</summary>
    Authenticated,

    /// <summary>A mailbox is selected.</summary>
    Selected,

    /// <summary>Logged out, closed by the server, or broken: no further commands are possible.</summary>
    Logout,
}
