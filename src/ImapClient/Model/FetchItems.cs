namespace ImapClient;

/// <summary>The FETCH data items to request (body sections are added through <see cref="FetchRequest"/>).</summary>
[Flags]
public enum FetchItems
{
    /// <summary>Nothing beyond the body sections.</summary>
    None = 0,

    /// <summary>UID.</summary>
    Uid = 1,

    /// <summary>FLAGS.</summary>
    Flags = 2,

    /// <summary>INTERNALDATE.</summary>
    InternalDate = 4,

    /// <summary>RFC822.SIZE.</summary>
    Size = 8,

    /// <summary>ENVELOPE.</summary>
    Envelope = 16,

    /// <summary>BODYSTRUCTURE (with extension data).</summary>
    BodyStructure = 32,

    /// <summary>BODY (the body structure without extension data).</summary>
    Body = 64,

    /// <summary>RFC822: the whole message (like <c>BODY[]</c>, and sets <c>\Seen</c>); streamed by the streaming fetches.</summary>
    Rfc822 = 128,

    /// <summary>MODSEQ (RFC 7162 CONDSTORE): the message's modification sequence.</summary>
    ModSeq = 256,

    /// <summary>The FAST macro: FLAGS INTERNALDATE RFC822.SIZE.</summary>
    Fast = Flags | InternalDate | Size,

    /// <summary>The ALL macro: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE.</summary>
    All = Fast | Envelope,

    /// <summary>The FULL macro: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.</summary>
    Full = All | Body,
}
