namespace ImapClient;

/// <summary>
/// The mailbox attributes this library knows (RFC 9051, RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 8457),
/// matched case-insensitively. Attributes it does not know are kept as sent in <see cref="MailboxListEntry.OtherAttributes"/>.
/// </summary>
[Flags]
public enum MailboxAttributes
{
    /// <summary>No attribute.</summary>
    None = 0,

    /// <summary><c>\Noinferiors</c>: no child mailbox can exist under this one.</summary>
    NoInferiors = 1 << 0,

    /// <summary><c>\Noselect</c>: the name exists but cannot be selected (a hierarchy node).</summary>
    NoSelect = 1 << 1,

    /// <summary><c>\Marked</c>: probably has new messages since it was last selected.</summary>
    Marked = 1 << 2,

    /// <summary><c>\Unmarked</c>: no new messages since it was last selected.</summary>
    Unmarked = 1 << 3,

    /// <summary><c>\NonExistent</c> (LIST-EXTENDED): the name does not exist; implies <see cref="NoSelect"/>.</summary>
    NonExistent = 1 << 4,

    /// <summary><c>\Subscribed</c> (LIST-EXTENDED): the mailbox is subscribed.</summary>
    Subscribed = 1 << 5,

    /// <summary><c>\Remote</c> (LIST-EXTENDED): the mailbox lives on another server.</summary>
    Remote = 1 << 6,

    /// <summary><c>\HasChildren</c>: the mailbox has child mailboxes.</summary>
    HasChildren = 1 << 7,

    /// <summary><c>\HasNoChildren</c>: the mailbox has no child mailboxes.</summary>
    HasNoChildren = 1 << 8,

    /// <summary><c>\All</c> (SPECIAL-USE): a virtual mailbox holding every message.</summary>
    All = 1 << 9,

    /// <summary><c>\Archive</c> (SPECIAL-USE): archived messages.</summary>
    Archive = 1 << 10,

    /// <summary><c>\Drafts</c> (SPECIAL-USE): drafts.</summary>
    Drafts = 1 << 11,

    /// <summary><c>\Flagged</c> (SPECIAL-USE): a virtual mailbox of flagged messages.</summary>
    Flagged = 1 << 12,

    /// <summary><c>\Junk</c> (SPECIAL-USE): spam.</summary>
    Junk = 1 << 13,

    /// <summary><c>\Sent</c> (SPECIAL-USE): sent messages.</summary>
    Sent = 1 << 14,

    /// <summary><c>\Trash</c> (SPECIAL-USE): deleted messages.</summary>
    Trash = 1 << 15,

    /// <summary><c>\Important</c> (RFC 8457): messages the server deems important.</summary>
    Important = 1 << 16,

    /// <summary>Every special-use attribute: <see cref="All"/>, <see cref="Archive"/>, <see cref="Drafts"/>, <see cref="Flagged"/>, <see cref="Junk"/>, <see cref="Sent"/>, <see cref="Trash"/> and <see cref="Important"/>.</summary>
    SpecialUse = All | Archive | Drafts | Flagged | Junk | Sent | Trash | Important,
}
