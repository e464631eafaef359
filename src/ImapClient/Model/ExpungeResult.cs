namespace ImapClient;

/// <summary>What EXPUNGE or UID EXPUNGE removed.</summary>
public sealed class ExpungeResult
{
    internal ExpungeResult(IReadOnlyList<uint> sequenceNumbers, SequenceSet? vanishedUids)
    {
        SequenceNumbers = sequenceNumbers;
        VanishedUids = vanishedUids;
    }

    /// <summary>
    /// The sequence numbers the server reported (<c>* n EXPUNGE</c>), in order. Each is the message's number at the
    /// moment it was reported, after the ones before it were removed: expunging messages 3, 4 and 7 of ten may be
    /// reported as 3, 3, 5 or (Dovecot, which goes from the highest down) as 7, 4, 3.
    /// </summary>
    public IReadOnlyList<uint> SequenceNumbers { get; }

    /// <summary>
    /// With QRESYNC enabled, the server names the removed messages by UID (<c>* VANISHED</c>) instead of reporting
    /// sequence numbers: those UIDs, as one set. Null when it sent none (and always without QRESYNC).
    /// </summary>
    public SequenceSet? VanishedUids { get; }
}
