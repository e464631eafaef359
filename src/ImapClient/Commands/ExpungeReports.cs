namespace ImapClient.Commands;

/// <summary>
/// The expunges a command collects while it runs (EXPUNGE, UID EXPUNGE, MOVE). The mailbox state has already applied
/// each one when it is offered here; collecting it keeps it out of the MessageExpunged event, as claimed data is.
/// </summary>
internal sealed class ExpungeReports
{
    private readonly List<uint> _sequenceNumbers = [];

    public IReadOnlyList<uint> SequenceNumbers => _sequenceNumbers;

    public bool TryClaim(ImapResponse response)
    {
        // VANISHED (RFC 7162), which replaces EXPUNGE once QRESYNC is enabled, belongs here as well; until the parser
        // and the mailbox state know it (issue 8), EnableAsync refuses QRESYNC.
        if (response is ImapExpungeResponse expunge)
        {
            _sequenceNumbers.Add(expunge.SequenceNumber);
            return true;
        }

        return false;
    }

    /// <summary>An EXPUNGE that could not be parsed: the list would be missing a message, so the command fails.</summary>
    public static bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "EXPUNGE";
}
