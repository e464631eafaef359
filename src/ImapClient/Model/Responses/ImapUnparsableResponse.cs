namespace ImapClient;

/// <summary>
/// A complete response that could not be parsed. The response's bytes were framed correctly (its line and literals
/// were found), so the connection goes on; only the command that would have received it fails, and when no command
/// would have, it is raised as an unsolicited response carrying the error.
/// </summary>
public sealed class ImapUnparsableResponse : ImapResponse
{
    internal ImapUnparsableResponse(string? tag, uint? number, string keyword, ImapProtocolException error)
    {
        Tag = tag;
        Number = number;
        Keyword = keyword;
        Error = error;
    }

    /// <summary>The tag, when the response was a tagged completion; null for untagged data.</summary>
    public string? Tag { get; }

    /// <summary>The number before the keyword (<c>* 12 FETCH …</c>), or null.</summary>
    public uint? Number { get; }

    /// <summary>The response's keyword in upper case (<c>FETCH</c>, <c>LIST</c>, <c>OK</c> …), or empty when unreadable.</summary>
    public string Keyword { get; }

    /// <summary>What was wrong, with the offending bytes quoted.</summary>
    public ImapProtocolException Error { get; }
}
