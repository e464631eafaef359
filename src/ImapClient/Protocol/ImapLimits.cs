namespace ImapClient.Protocol;

/// <summary>Caps on what the server controls, so that a hostile or broken server cannot make us allocate without bound.</summary>
internal sealed class ImapLimits
{
    public static ImapLimits Default { get; } = new();

    /// <summary>Longest line (the text between literals) of one response.</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>
    /// Longest first line of a SEARCH, SORT, THREAD or ESEARCH response, when longer than <see cref="MaxLineLength"/>:
    /// those hold one number per message, so a large mailbox legitimately sends megabytes (about 8 bytes per UID).
    /// </summary>
    public int MaxResultLineLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest literal held in memory.</summary>
    public long MaxLiteralSize { get; init; } = 8L * 1024 * 1024;

    /// <summary>Deepest nesting of parenthesised lists and body structures.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Most items in one FETCH response (each BODY[…] section is one).</summary>
    public int MaxFetchItems { get; init; } = 1024;

    /// <summary>The server defects the parsers tolerate; for each one left out they are strict.</summary>
    public ImapQuirks Quirks { get; init; } = ImapQuirks.All;

    /// <summary>The parsers the FETCH results read with these limits call on first read (made once, shared by all).</summary>
    public FetchedValues FetchedValues => _fetchedValues ??= new FetchedValues(this);

    private FetchedValues? _fetchedValues;
}
