namespace ImapClient;

/// <summary>What MOVE reported: the copies' UIDs (COPYUID) and the sequence numbers expunged from the source mailbox.</summary>
public sealed class MoveResult : CopyResult
{
    internal MoveResult(CopyResult copy, IReadOnlyList<uint> expunged, SequenceSet? vanishedUids, bool originalsMarkedDeleted)
        : base(copy.UidValidity, copy.SourceUids, copy.DestinationUids)
    {
        ExpungedSequenceNumbers = expunged;
        VanishedUids = vanishedUids;
        OriginalsMarkedDeleted = originalsMarkedDeleted;
    }

    /// <summary>
    /// The <c>* n EXPUNGE</c> reports received while the move ran, in order: each number is a sequence number at the
    /// moment it was reported, after the ones before it were removed (as with <see cref="ExpungeResult.SequenceNumbers"/>).
    /// </summary>
    public IReadOnlyList<uint> ExpungedSequenceNumbers { get; }

    /// <summary>With QRESYNC enabled, the UIDs the server reported removed from the source (<c>* VANISHED</c>) instead; null otherwise.</summary>
    public SequenceSet? VanishedUids { get; }

    /// <summary>
    /// True when the server offers neither MOVE nor UIDPLUS and the caller did not allow a plain EXPUNGE: the messages
    /// were copied and marked <c>\Deleted</c>, but are still in the source mailbox.
    /// </summary>
    public bool OriginalsMarkedDeleted { get; }
}
