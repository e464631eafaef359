namespace ImapClient.Commands;

/// <summary>
/// The expunges a command collects while it runs (EXPUNGE, UID EXPUNGE, MOVE): <c>* n EXPUNGE</c>, or under QRESYNC
/// <c>* VANISHED uids</c>, which replaces it (RFC 7162 section 3.2.10). The mailbox state has already applied each
/// one when it is offered here; collecting it keeps it out of the MessageExpunged and MessagesVanished events, as
/// claimed data is.
/// </summary>
internal sealed class ExpungeReports
{
    private readonly List<uint> _sequenceNumbers = [];
    private List<SequenceSet>? _vanished;

    public IReadOnlyList<uint> SequenceNumbers => _sequenceNumbers;

    /// <summary>The UIDs reported by VANISHED, as one set (joined, never expanded); null when none came.</summary>
    public SequenceSet? Vanished => _vanished switch
    {
        null => null,
        [var only] => only,
        _ => SequenceSet.Parse(string.Join(',', _vanished)),
    };

    public bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case ImapExpungeResponse expunge:
                _sequenceNumbers.Add(expunge.SequenceNumber);
                return true;

            // VANISHED (EARLIER) reports removals from before this command: it is someone else's (a QRESYNC SELECT's).
            case ImapVanishedResponse { Earlier: false } vanished:
                (_vanished ??= []).Add(vanished.Uids);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An expunge report that could not be parsed: the result would be missing a message, so the command fails.</summary>
    public static bool WouldClaim(ImapUnparsableResponse response) => response.Keyword is "EXPUNGE" or "VANISHED";
}
