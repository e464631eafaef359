namespace ImapClient;

/// <summary>Which mailboxes a LIST selects (RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE).</summary>
[Flags]
public enum ListSelectionOptions
{
    /// <summary>Every mailbox that matches the patterns.</summary>
    None = 0,

    /// <summary>SUBSCRIBED: only subscribed names (also ones that no longer exist, marked <c>\NonExistent</c>).</summary>
    Subscribed = 1 << 0,

    /// <summary>REMOTE: include mailboxes on other servers, marked <c>\Remote</c>.</summary>
    Remote = 1 << 1,

    /// <summary>
    /// RECURSIVEMATCH: also list a parent whose children match the other selection option, with CHILDINFO saying
    /// why. Needs another selection option besides <see cref="Remote"/>.
    /// </summary>
    RecursiveMatch = 1 << 2,

    /// <summary>SPECIAL-USE: only mailboxes with a special-use attribute (needs the SPECIAL-USE capability).</summary>
    SpecialUse = 1 << 3,
}
