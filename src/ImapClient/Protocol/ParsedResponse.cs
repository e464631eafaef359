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
/// FETCH and LIST data travel bare (the message, the mailbox): the command that claims them keeps only that, so the
/// public <see cref="ImapFetchResponse"/> or <see cref="ImapListResponse"/> around it is made only for whoever sees the
/// response itself (events, tests). A steady stream of either allocates nothing the caller does not receive.
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

    /// <summary>A tagged completion whose tag was packed into <paramref name="tagKey"/> (0: the response carries it).</summary>
    public ParsedResponse(ImapStatusResponse completion, ulong tagKey)
    {
        Kind = ResponseKind.Tagged;
        _response = completion;
        TagKey = tagKey;
    }

    public ParsedResponse(MailboxListEntry listed, bool isLsub)
    {
        Kind = ResponseKind.Untagged;
        Listed = listed;
        IsLsub = isLsub;
    }

    public ResponseKind Kind { get; }

    /// <summary>For a tagged completion parsed with deferred tags: its tag, packed (see <see cref="Protocol.TagKey"/>).</summary>
    public ulong TagKey { get; }

    /// <summary>The mailbox of an untagged LIST or LSUB; null for every other response.</summary>
    public MailboxListEntry? Listed { get; }

    /// <summary>For <see cref="Listed"/>: true for LSUB.</summary>
    public bool IsLsub { get; }

    /// <summary>The message of an untagged FETCH; null for every other response.</summary>
    public FetchedMessage? Fetched { get; }

    /// <summary>The response as the public model shows it (FETCH and LIST data are wrapped on each read).</summary>
    public ImapResponse Response =>
        _response ?? (Fetched is { } message ? new ImapFetchResponse(message) : new ImapListResponse(IsLsub, Listed!));
}
