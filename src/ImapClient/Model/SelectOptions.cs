namespace ImapClient;

/// <summary>Parameters of SELECT and EXAMINE for CONDSTORE and QRESYNC (RFC 7162).</summary>
public sealed class SelectOptions
{
    /// <summary>Sends <c>(CONDSTORE)</c>, so the server reports HIGHESTMODSEQ and MODSEQ from now on.</summary>
    public bool Condstore { get; init; }

    /// <summary>
    /// Sends <c>(QRESYNC (uidvalidity modseq [known-uids]))</c>: what the caller knew last time. The server answers
    /// with what changed since (see <see cref="MailboxInfo.Changes"/>). QRESYNC must be enabled first.
    /// </summary>
    public QresyncState? Qresync { get; init; }
}

/// <summary>What a client remembered of a mailbox, for a QRESYNC SELECT.</summary>
/// <param name="UidValidity">The mailbox's UIDVALIDITY then.</param>
/// <param name="ModSeq">The HIGHESTMODSEQ then.</param>
/// <param name="KnownUids">The UIDs the client has, or null to let the server assume all up to UIDNEXT.</param>
public sealed record QresyncState(uint UidValidity, ulong ModSeq, SequenceSet? KnownUids = null);
