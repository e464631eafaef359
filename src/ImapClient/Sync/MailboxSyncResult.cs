namespace ImapClient.Sync;

/// <summary>A message whose flags changed: its UID and its flags now.</summary>
/// <param name="Uid">The UID.</param>
/// <param name="Flags">The flags now.</param>
public sealed record FlagChange(uint Uid, MessageFlags Flags);

/// <summary>
/// What changed in a mailbox since the stored state. The same changes are reported whichever method found them, in
/// UID order.
/// </summary>
public sealed class MailboxSyncResult
{
    internal MailboxSyncResult(
        SyncMethod method, bool uidValidityChanged, IReadOnlyList<FetchedMessage> added, IReadOnlyList<FlagChange> flagChanges,
        IReadOnlyList<uint> vanished, MailboxSyncState state)
    {
        Method = method;
        UidValidityChanged = uidValidityChanged;
        Added = added;
        FlagChanges = flagChanges;
        Vanished = vanished;
        State = state;
    }

    /// <summary>The method used.</summary>
    public SyncMethod Method { get; }

    /// <summary>
    /// True when UIDVALIDITY changed: everything stored must be dropped. <see cref="Added"/> then holds every message,
    /// as in a first synchronization.
    /// </summary>
    public bool UidValidityChanged { get; }

    /// <summary>Messages new since the stored state (all of them on a first synchronization), with their summaries.</summary>
    public IReadOnlyList<FetchedMessage> Added { get; }

    /// <summary>Messages held whose flags changed.</summary>
    public IReadOnlyList<FlagChange> FlagChanges { get; }

    /// <summary>UIDs held that are gone from the mailbox.</summary>
    public IReadOnlyList<uint> Vanished { get; }

    /// <summary>The state to store for next time.</summary>
    public MailboxSyncState State { get; }
}
