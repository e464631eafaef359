namespace ImapClient.Commands;

/// <summary>
/// What the session must know to pipeline a command safely (RFC 9051 section 5.5): whether its untagged data is
/// addressed by message sequence number, whether the server may send EXPUNGE while it runs, and whether it changes
/// the connection state so that nothing may run beside it.
/// </summary>
[Flags]
internal enum CommandTraits
{
    None = 0,

    /// <summary>Arguments or results use message sequence numbers (FETCH, STORE, SEARCH, COPY without UID).</summary>
    UsesSequenceNumbers = 1,

    /// <summary>The server may send EXPUNGE while this command runs (all but FETCH, STORE and SEARCH by number).</summary>
    MayExpunge = 2,

    /// <summary>Changes the connection state or the selected mailbox: runs alone.</summary>
    Barrier = 4,
}
