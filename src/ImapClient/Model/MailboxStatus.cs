namespace ImapClient;

/// <summary>A mailbox's status as STATUS reported it; an item the server did not report is null.</summary>
public sealed class MailboxStatus
{
    internal MailboxStatus(string mailbox) => Mailbox = mailbox;

    /// <summary>The mailbox name, decoded from the wire form.</summary>
    public string Mailbox { get; }

    /// <summary>MESSAGES: the number of messages.</summary>
    public uint? Messages { get; internal set; }

    /// <summary>RECENT: the number of messages with <c>\Recent</c>.</summary>
    public uint? Recent { get; internal set; }

    /// <summary>UIDNEXT: the next UID the mailbox will assign.</summary>
    public uint? UidNext { get; internal set; }

    /// <summary>UIDVALIDITY: the mailbox's UID validity value.</summary>
    public uint? UidValidity { get; internal set; }

    /// <summary>UNSEEN: the number of messages without <c>\Seen</c>.</summary>
    public uint? Unseen { get; internal set; }

    /// <summary>DELETED: the number of messages with <c>\Deleted</c>.</summary>
    public uint? Deleted { get; internal set; }

    /// <summary>SIZE: the total size of the mailbox's messages in octets.</summary>
    public ulong? Size { get; internal set; }

    /// <summary>HIGHESTMODSEQ: the highest modification sequence of any message.</summary>
    public ulong? HighestModSeq { get; internal set; }
}
