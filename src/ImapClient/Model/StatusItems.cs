namespace ImapClient;

/// <summary>What STATUS (or LIST with a STATUS return option) reports about a mailbox.</summary>
[Flags]
public enum StatusItems
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>MESSAGES: the number of messages.</summary>
    Messages = 1 << 0,

    /// <summary>RECENT: the number of messages with <c>\Recent</c> (IMAP4rev1 only; IMAP4rev2 dropped it).</summary>
    Recent = 1 << 1,

    /// <summary>UIDNEXT: the next UID the mailbox will assign.</summary>
    UidNext = 1 << 2,

    /// <summary>UIDVALIDITY: the mailbox's UID validity value.</summary>
    UidValidity = 1 << 3,

    /// <summary>UNSEEN: the number of messages without <c>\Seen</c>.</summary>
    Unseen = 1 << 4,

    /// <summary>DELETED: the number of messages with <c>\Deleted</c> (IMAP4rev2).</summary>
    Deleted = 1 << 5,

    /// <summary>SIZE: the mailbox's total size in octets (STATUS=SIZE, RFC 8438, or IMAP4rev2).</summary>
    Size = 1 << 6,

    /// <summary>HIGHESTMODSEQ: the highest modification sequence (CONDSTORE, RFC 7162).</summary>
    HighestModSeq = 1 << 7,
}
