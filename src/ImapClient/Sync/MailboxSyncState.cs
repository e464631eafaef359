namespace ImapClient.Sync;

/// <summary>
/// What a client stores about a mailbox between synchronizations: UIDVALIDITY, the HIGHESTMODSEQ reached, and the
/// flags of every message it holds, by UID. Immutable; each synchronization returns the next one.
/// </summary>
public sealed class MailboxSyncState
{
    /// <summary>Creates a state, e.g. one loaded from the caller's storage.</summary>
    /// <param name="uidValidity">The mailbox's UIDVALIDITY.</param>
    /// <param name="highestModSeq">The HIGHESTMODSEQ reached, or null when the server had none (no CONDSTORE).</param>
    /// <param name="messages">Every message the client holds: UID and flags.</param>
    public MailboxSyncState(uint uidValidity, ulong? highestModSeq, IReadOnlyDictionary<uint, MessageFlags> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        UidValidity = uidValidity;
        HighestModSeq = highestModSeq;
        Messages = messages;
    }

    /// <summary>The mailbox's UIDVALIDITY: when it changes, every UID held is meaningless.</summary>
    public uint UidValidity { get; }

    /// <summary>The HIGHESTMODSEQ reached, or null.</summary>
    public ulong? HighestModSeq { get; }

    /// <summary>Every message held, by UID, with its flags.</summary>
    public IReadOnlyDictionary<uint, MessageFlags> Messages { get; }
}
