namespace ImapClient;

/// <summary>What a STORE with UNCHANGEDSINCE did (RFC 7162).</summary>
public sealed class ConditionalStoreResult
{
    internal ConditionalStoreResult(IReadOnlyList<FetchedMessage> updated, SequenceSet? modified)
    {
        Updated = updated;
        Modified = modified;
    }

    /// <summary>The messages changed, with their new flags and MODSEQ (empty when silent).</summary>
    public IReadOnlyList<FetchedMessage> Updated { get; }

    /// <summary>
    /// The messages left alone because they changed after the given MODSEQ (sequence numbers, or UIDs for UID STORE),
    /// or null when every message was changed.
    /// </summary>
    public SequenceSet? Modified { get; }
}
