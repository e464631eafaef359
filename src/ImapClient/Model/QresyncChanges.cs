namespace ImapClient;

/// <summary>What the server reported during a SELECT with QRESYNC parameters (RFC 7162 section 3.2.5).</summary>
public sealed class QresyncChanges
{
    internal QresyncChanges(SequenceSet? vanished, IReadOnlyList<FetchedMessage> changed)
    {
        Vanished = vanished;
        Changed = changed;
    }

    /// <summary>UIDs removed since the state given (from VANISHED (EARLIER)); null when none.</summary>
    public SequenceSet? Vanished { get; }

    /// <summary>Messages added or whose flags changed since the state given, with UID, FLAGS and MODSEQ.</summary>
    public IReadOnlyList<FetchedMessage> Changed { get; }
}
