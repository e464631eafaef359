namespace ImapClient;

/// <summary>The answer to a UID FETCH with CHANGEDSINCE (RFC 7162).</summary>
public sealed class FetchChanges
{
    internal FetchChanges(IReadOnlyList<FetchedMessage> changed, SequenceSet? vanished)
    {
        Changed = changed;
        Vanished = vanished;
    }

    /// <summary>The messages whose MODSEQ is above the one given.</summary>
    public IReadOnlyList<FetchedMessage> Changed { get; }

    /// <summary>The UIDs removed since then (only with VANISHED, under QRESYNC), or null.</summary>
    public SequenceSet? Vanished { get; }
}
