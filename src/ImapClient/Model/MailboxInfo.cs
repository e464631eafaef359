namespace ImapClient;

/// <summary>A snapshot of a selected mailbox's state, as the server reported it.</summary>
public sealed class MailboxInfo
{
    internal MailboxInfo() { }

    /// <summary>The mailbox name as the caller gave it.</summary>
    public string Name { get; init; } = "";

    /// <summary>The number of messages (EXISTS).</summary>
    public uint Exists { get; init; }

    /// <summary>The number of recent messages (RECENT; always 0 on IMAP4rev2 servers).</summary>
    public uint Recent { get; init; }

    /// <summary>The flags defined in the mailbox (FLAGS).</summary>
    public MessageFlags Flags { get; init; } = MessageFlags.Empty;

    /// <summary>The flags the client can change permanently (PERMANENTFLAGS), or null when the server did not say.</summary>
    public MessageFlags? PermanentFlags { get; init; }

    /// <summary>UIDVALIDITY, or null when the server did not say.</summary>
    public uint? UidValidity { get; init; }

    /// <summary>UIDNEXT, or null when the server did not say.</summary>
    public uint? UidNext { get; init; }

    /// <summary>The sequence number of the first unseen message (UNSEEN), or null.</summary>
    public uint? FirstUnseen { get; init; }

    /// <summary>Read-only or read-write.</summary>
    public MailboxAccess Access { get; init; }

    /// <summary>The HIGHESTMODSEQ (RFC 7162 CONDSTORE), when the server reported it; it moves up with changes seen since.</summary>
    public ulong? HighestModSeq { get; init; }

    /// <summary>True when the server said NOMODSEQ: the mailbox keeps no modification sequences.</summary>
    public bool NoModSeq { get; init; }

    /// <summary>What a SELECT with QRESYNC parameters reported as changed since the state given; null otherwise.</summary>
    public QresyncChanges? Changes { get; init; }
}
