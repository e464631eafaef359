namespace ImapClient;

/// <summary>
/// What COPY or MOVE reported about the copies: with UIDPLUS (RFC 4315) the server names, in its <c>[COPYUID …]</c>
/// code, the destination's UIDVALIDITY and which UID each copied message got there.
/// </summary>
public class CopyResult
{
    internal CopyResult(uint? uidValidity, SequenceSet? sourceUids, SequenceSet? destinationUids)
    {
        UidValidity = uidValidity;
        SourceUids = sourceUids;
        DestinationUids = destinationUids;
        UidMap = sourceUids is not null && destinationUids is not null ? new UidMap(sourceUids, destinationUids)
            : System.Collections.ObjectModel.ReadOnlyDictionary<uint, uint>.Empty;
    }

    /// <summary>A result without UIDs: the server did not report them.</summary>
    internal static CopyResult None { get; } = new(null, null, null);

    /// <summary>The destination mailbox's UIDVALIDITY; null when the server did not report COPYUID.</summary>
    public uint? UidValidity { get; }

    /// <summary>The UIDs of the copied messages in the source mailbox, as the server listed them; null when not reported.</summary>
    public SequenceSet? SourceUids { get; }

    /// <summary>The UIDs the copies got in the destination mailbox, in the same order; null when not reported.</summary>
    public SequenceSet? DestinationUids { get; }

    /// <summary>
    /// Source UID to destination UID, pairing the two sets number by number in the order the server listed them
    /// (each range ascending); enumerating it gives the pairs in that order. Empty when the server did not report COPYUID.
    /// </summary>
    public IReadOnlyDictionary<uint, uint> UidMap { get; }
}
