namespace ImapClient.Protocol;

/// <summary>The kind of a response line.</summary>
internal enum ResponseKind
{
    Untagged,
    Tagged,
    Continuation,
}

/// <summary>A parsed response and how to route it.</summary>
/// <remarks>
/// FETCH data travels as the bare message: the command that claims it keeps only the message, so the public
/// <see cref="ImapFetchResponse"/> around it is made only for whoever sees the response itself (events, tests).
/// That keeps a steady stream of FETCH responses from allocating anything the caller does not receive.
/// </remarks>
internal readonly struct ParsedResponse
{
    private readonly ImapResponse? _response;

    public ParsedResponse(ResponseKind kind, ImapResponse response)
    {
        Kind = kind;
        _response = response;
    }

    public ParsedResponse(FetchedMessage fetched)
    {
        Kind = ResponseKind.Untagged;
        Fetched = fetched;
    }

    public ResponseKind Kind { get; }

    /// <summary>The message of an untagged FETCH; null for every other response.</summary>
    public FetchedMessage? Fetched { get; }

    /// <summary>The response as the public model shows it (a FETCH is wrapped on each read).</summary>
    public ImapResponse Response => _response ?? new ImapFetchResponse(Fetched!);
}
