namespace ImapClient;

/// <summary>How a mailbox is selected.</summary>
public enum MailboxAccess
{
    /// <summary>The server did not say.</summary>
    Unknown,

    /// <summary>READ-ONLY (EXAMINE, or a mailbox the user may not change).</summary>
    ReadOnly,

    /// <summary>READ-WRITE.</summary>
    ReadWrite,
}
