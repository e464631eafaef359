namespace ImapClient;

/// <summary>The response codes this library understands; anything else is <see cref="Unknown"/> and kept verbatim.</summary>
public enum ImapResponseCodeKind
{
    /// <summary>A code this library does not interpret; see <see cref="ImapResponseCode.Name"/> and <see cref="ImapResponseCode.Arguments"/>.</summary>
    Unknown,

    /// <summary>ALERT: the text must be shown to the user.</summary>
    Alert,

    /// <summary>BADCHARSET: the charset is not supported; <see cref="ImapResponseCode.Charsets"/> lists the ones that are.</summary>
    BadCharset,

    /// <summary>CAPABILITY: the server's capabilities, in <see cref="ImapResponseCode.Capabilities"/>.</summary>
    Capability,

    /// <summary>PARSE: the server could not parse a message's headers or MIME structure.</summary>
    Parse,

    /// <summary>PERMANENTFLAGS: the flags the client can change permanently, in <see cref="ImapResponseCode.Flags"/>.</summary>
    PermanentFlags,

    /// <summary>READ-ONLY: the mailbox is selected read-only.</summary>
    ReadOnly,

    /// <summary>READ-WRITE: the mailbox is selected read-write.</summary>
    ReadWrite,

    /// <summary>TRYCREATE: the target mailbox does not exist but could be created.</summary>
    TryCreate,

    /// <summary>UIDNEXT: the next UID, in <see cref="ImapResponseCode.Number"/>.</summary>
    UidNext,

    /// <summary>UIDVALIDITY: the UID validity value, in <see cref="ImapResponseCode.Number"/>.</summary>
    UidValidity,

    /// <summary>UNSEEN: the sequence number of the first unseen message, in <see cref="ImapResponseCode.Number"/>.</summary>
    Unseen,

    /// <summary><c>HIGHESTMODSEQ n</c> (RFC 7162): the highest modification sequence in the selected mailbox.</summary>
    HighestModSeq,

    /// <summary><c>NOMODSEQ</c> (RFC 7162): the mailbox does not keep modification sequences.</summary>
    NoModSeq,

    /// <summary><c>MODIFIED set</c> (RFC 7162): the messages a conditional STORE left alone.</summary>
    Modified,

    /// <summary>
    /// CLOSED (RFC 7162, RFC 9051): the previously selected mailbox is closed; what follows is about the newly selected one.
    /// </summary>
    Closed,
}
