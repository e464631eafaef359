namespace ImapClient;

/// <summary>What a query needs from the command and the server, gathered once when the query is built.</summary>
[Flags]
internal enum SearchFeatures
{
    None = 0,

    /// <summary>A string holds non-ASCII text: the command must name the UTF-8 charset.</summary>
    NonAscii = 1,

    /// <summary>A key names messages by sequence number, so an EXPUNGE in flight would change what it means.</summary>
    SequenceNumbers = 2,

    /// <summary>MODSEQ: the server must offer CONDSTORE.</summary>
    ModSeq = 4,

    /// <summary><c>$</c>: the server must offer SEARCHRES.</summary>
    SavedResult = 8,
}
