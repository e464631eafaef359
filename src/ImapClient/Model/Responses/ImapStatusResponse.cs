namespace ImapClient;

/// <summary>A status response: OK, NO, BAD, PREAUTH or BYE, tagged or untagged, with its response code and text.</summary>
public sealed class ImapStatusResponse : ImapResponse
{
    internal ImapStatusResponse(string? tag, ImapStatus status, ImapResponseCode? code, string text)
    {
        Tag = tag;
        Status = status;
        Code = code;
        Text = text;
    }

    /// <summary>The tag for a tagged completion; null for an untagged response.</summary>
    public string? Tag { get; internal set; }

    /// <summary>OK, NO, BAD, PREAUTH or BYE.</summary>
    public ImapStatus Status { get; }

    /// <summary>The response code, or null when there was none.</summary>
    public ImapResponseCode? Code { get; }

    /// <summary>The human-readable text (may be empty).</summary>
    public string Text { get; }

    /// <summary>The response in a form close to the wire.</summary>
    /// <returns>Tag (or <c>*</c>), status, code and text.</returns>
    public override string ToString() => $"{Tag ?? "*"} {Describe()}";

    /// <summary>Status, code and text, as used in exception messages: <c>NO [TRYCREATE] No such mailbox</c>.</summary>
    internal string Describe() =>
        $"{Status.ToString().ToUpperInvariant()}{(Code is null ? "" : $" [{Code}]")} {Text}".TrimEnd();
}
