namespace ImapClient;

/// <summary>What a LIST reports about each mailbox beyond the basics (RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE).</summary>
[Flags]
public enum ListReturnOptions
{
    /// <summary>The basic attributes only.</summary>
    None = 0,

    /// <summary>SUBSCRIBED: mark subscribed mailboxes with <c>\Subscribed</c>.</summary>
    Subscribed = 1 << 0,

    /// <summary>CHILDREN: add <c>\HasChildren</c> or <c>\HasNoChildren</c>.</summary>
    Children = 1 << 1,

    /// <summary>SPECIAL-USE: add the special-use attributes (needs the SPECIAL-USE capability).</summary>
    SpecialUse = 1 << 2,
}
