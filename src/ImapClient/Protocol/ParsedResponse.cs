namespace ImapClient.Protocol;

/// <summary>The kind of a response line.</summary>
internal enum ResponseKind
{
    Untagged,
    Tagged,
    Continuation,
}

/// <summary>A parsed response and how to route it.</summary>
internal readonly record struct ParsedResponse(ResponseKind Kind, ImapResponse Response);
