namespace ImapClient.Sync;

/// <summary>How a <see cref="MailboxSynchronizer"/> finds out what changed.</summary>
public enum SyncMethod
{
    /// <summary>The best the server offers: QRESYNC, then CONDSTORE, then a full comparison.</summary>
    Auto,

    /// <summary>QRESYNC (RFC 7162): one SELECT reports changed flags, new messages and removed UIDs.</summary>
    Qresync,

    /// <summary>CONDSTORE (RFC 7162): changed messages by MODSEQ, removed ones by comparing the UID list.</summary>
    Condstore,

    /// <summary>No extension: every message's UID and flags are compared with the stored state.</summary>
    Full,
}
