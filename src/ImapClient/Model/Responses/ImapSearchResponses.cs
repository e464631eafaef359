namespace ImapClient;

/// <summary><c>* SEARCH n n … [(MODSEQ m)]</c>: the answer to SEARCH or UID SEARCH.</summary>
public sealed class ImapSearchResponse : ImapResponse
{
    internal ImapSearchResponse(List<uint> numbers, ulong? highestModSeq)
    {
        NumberList = numbers;
        HighestModSeq = highestModSeq;
    }

    /// <summary>The matching sequence numbers or UIDs.</summary>
    public IReadOnlyList<uint> Numbers => NumberList;

    /// <summary>The <c>(MODSEQ m)</c> a CONDSTORE server appends (RFC 7162), or null.</summary>
    public ulong? HighestModSeq { get; }

    /// <summary>The parsed list itself, handed on to the result without a copy.</summary>
    internal List<uint> NumberList { get; }
}

/// <summary><c>* SORT n n … [(MODSEQ m)]</c>: the answer to SORT or UID SORT (RFC 5256), in the requested order.</summary>
public sealed class ImapSortResponse : ImapResponse
{
    internal ImapSortResponse(List<uint> numbers, ulong? highestModSeq)
    {
        NumberList = numbers;
        HighestModSeq = highestModSeq;
    }

    /// <summary>The sequence numbers or UIDs, sorted.</summary>
    public IReadOnlyList<uint> Numbers => NumberList;

    /// <summary>The <c>(MODSEQ m)</c> a CONDSTORE server appends (RFC 7162), or null.</summary>
    public ulong? HighestModSeq { get; }

    internal List<uint> NumberList { get; }
}

/// <summary><c>* THREAD (…)(…)</c>: the answer to THREAD or UID THREAD (RFC 5256).</summary>
public sealed class ImapThreadResponse : ImapResponse
{
    internal ImapThreadResponse(IReadOnlyList<ThreadNode> threads) => Threads = threads;

    /// <summary>One root per thread, in the server's order.</summary>
    public IReadOnlyList<ThreadNode> Threads { get; }
}

/// <summary><c>* ESEARCH (TAG "A5") [UID] MIN 2 …</c>: the answer to an extended SEARCH (RFC 4731).</summary>
public sealed class ImapESearchResponse : ImapResponse
{
    internal ImapESearchResponse(string? tag, ExtendedSearchResult result)
    {
        Tag = tag;
        Result = result;
    }

    /// <summary>The tag of the command it answers (the search correlator), or null when the server left it out.</summary>
    public string? Tag { get; }

    /// <summary>The returned data.</summary>
    public ExtendedSearchResult Result { get; }
}
