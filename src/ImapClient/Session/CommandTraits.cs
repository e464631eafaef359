namespace ImapClient.Session;

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

    /// <summary>
    /// Its result arrives as <c>* SEARCH</c>, which names no command: two such commands in flight could not tell their
    /// results apart, so they run one after the other. (ESEARCH responses carry the tag and need no such care.)
    /// </summary>
    ClaimsSearch = 8,

    /// <summary>Its result arrives as <c>* SORT</c>, which names no command.</summary>
    ClaimsSort = 16,

    /// <summary>Its result arrives as <c>* THREAD</c>, which names no command.</summary>
    ClaimsThread = 32,

    /// <summary>
    /// LOGOUT: a BYE while it is in flight is expected (its tagged OK follows), and a close after that BYE completes it.
    /// </summary>
    Logout = 64,

    /// <summary>
    /// Streams body literals to its caller (<see cref="ImapCommand.BodyStreamer"/>). A body may arrive before the UID
    /// that says whose it is, so two such commands never run side by side; it may wait for its caller to read.
    /// </summary>
    StreamsBodies = 128,

    /// <summary>The untagged results that name no command.</summary>
    UncorrelatedResults = ClaimsSearch | ClaimsSort | ClaimsThread,
}
