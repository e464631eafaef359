using System.Text;
using ImapClient.Protocol;

namespace ImapClient;

/// <summary>
/// What to search for (RFC 3501 section 6.4.4), for SEARCH, SORT and THREAD. Immutable: build one from the static
/// members and combine with <see cref="And"/>, <see cref="Or"/>, <see cref="Not"/>, <see cref="AllOf"/> and
/// <see cref="AnyOf"/>; groups are parenthesised where IMAP needs it. Strings go as atoms, quoted strings or literals
/// as their content needs, and non-ASCII text makes the command name the UTF-8 charset.
/// </summary>
/// <example><code>
/// var query = SearchQuery.Unseen.And(SearchQuery.AnyOf(SearchQuery.From("ann@example.org"), SearchQuery.Subject("Grüße")));
/// // UNSEEN (OR FROM ann@example.org SUBJECT {7+}Grüße), sent with CHARSET UTF-8
/// </code></example>
public abstract class SearchQuery
{
    private protected SearchQuery(SearchFeatures features) => Features = features;

    /// <summary>ALL: every message.</summary>
    public static SearchQuery All { get; } = new AtomKey("ALL");

    /// <summary>ANSWERED: messages with <c>\Answered</c>.</summary>
    public static SearchQuery Answered { get; } = new AtomKey("ANSWERED");

    /// <summary>UNANSWERED: messages without <c>\Answered</c>.</summary>
    public static SearchQuery Unanswered { get; } = new AtomKey("UNANSWERED");

    /// <summary>DELETED: messages with <c>\Deleted</c>.</summary>
    public static SearchQuery Deleted { get; } = new AtomKey("DELETED");

    /// <summary>UNDELETED: messages without <c>\Deleted</c>.</summary>
    public static SearchQuery Undeleted { get; } = new AtomKey("UNDELETED");

    /// <summary>DRAFT: messages with <c>\Draft</c>.</summary>
    public static SearchQuery Draft { get; } = new AtomKey("DRAFT");

    /// <summary>UNDRAFT: messages without <c>\Draft</c>.</summary>
    public static SearchQuery Undraft { get; } = new AtomKey("UNDRAFT");

    /// <summary>FLAGGED: messages with <c>\Flagged</c>.</summary>
    public static SearchQuery Flagged { get; } = new AtomKey("FLAGGED");

    /// <summary>UNFLAGGED: messages without <c>\Flagged</c>.</summary>
    public static SearchQuery Unflagged { get; } = new AtomKey("UNFLAGGED");

    /// <summary>SEEN: messages with <c>\Seen</c>.</summary>
    public static SearchQuery Seen { get; } = new AtomKey("SEEN");

    /// <summary>UNSEEN: messages without <c>\Seen</c>.</summary>
    public static SearchQuery Unseen { get; } = new AtomKey("UNSEEN");

    /// <summary>RECENT: messages with <c>\Recent</c> (new to this session).</summary>
    public static SearchQuery Recent { get; } = new AtomKey("RECENT");

    /// <summary>NEW: recent and unseen messages.</summary>
    public static SearchQuery New { get; } = new AtomKey("NEW");

    /// <summary>OLD: messages without <c>\Recent</c>.</summary>
    public static SearchQuery Old { get; } = new AtomKey("OLD");

    /// <summary>
    /// <c>$</c> (SEARCHRES, RFC 5182): the messages the last search with <see cref="SearchReturnOptions.Save"/> found.
    /// Commands that use it need a server offering SEARCHRES.
    /// </summary>
    public static SearchQuery SavedResult { get; } = new AtomKey("$", SearchFeatures.SavedResult);

    /// <summary>What the query needs from the command and the server.</summary>
    internal SearchFeatures Features { get; }

    /// <summary>KEYWORD: messages with the keyword set.</summary>
    /// <param name="keyword">The keyword, e.g. <c>$Label1</c>: an atom without spaces, specials or backslash.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">The keyword is not a valid IMAP keyword.</exception>
    public static SearchQuery Keyword(string keyword) => new KeywordKey("KEYWORD", CheckKeyword(keyword));

    /// <summary>UNKEYWORD: messages without the keyword.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">The keyword is not a valid IMAP keyword.</exception>
    public static SearchQuery Unkeyword(string keyword) => new KeywordKey("UNKEYWORD", CheckKeyword(keyword));

    /// <summary>BEFORE: internal date earlier than the day (the server's time zone decides the day).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Before(DateOnly date) => new DateKey("BEFORE", date);

    /// <summary>BEFORE, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Before(DateTime date) => Before(DateOnly.FromDateTime(date));

    /// <summary>ON: internal date within the day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery On(DateOnly date) => new DateKey("ON", date);

    /// <summary>ON, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery On(DateTime date) => On(DateOnly.FromDateTime(date));

    /// <summary>SINCE: internal date within or later than the day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Since(DateOnly date) => new DateKey("SINCE", date);

    /// <summary>SINCE, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Since(DateTime date) => Since(DateOnly.FromDateTime(date));

    /// <summary>SENTBEFORE: Date header earlier than the day (the header's own time zone decides the day).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentBefore(DateOnly date) => new DateKey("SENTBEFORE", date);

    /// <summary>SENTBEFORE, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentBefore(DateTime date) => SentBefore(DateOnly.FromDateTime(date));

    /// <summary>SENTON: Date header within the day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentOn(DateOnly date) => new DateKey("SENTON", date);

    /// <summary>SENTON, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentOn(DateTime date) => SentOn(DateOnly.FromDateTime(date));

    /// <summary>SENTSINCE: Date header within or later than the day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentSince(DateOnly date) => new DateKey("SENTSINCE", date);

    /// <summary>SENTSINCE, for the day of <paramref name="date"/> as given (its time and kind are ignored).</summary>
    /// <param name="date">The day.</param>
    /// <returns>The query.</returns>
    public static SearchQuery SentSince(DateTime date) => SentSince(DateOnly.FromDateTime(date));

    /// <summary>LARGER: RFC822.SIZE greater than <paramref name="size"/>.</summary>
    /// <param name="size">The size in bytes.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Larger(uint size) => new NumberKey("LARGER", size);

    /// <summary>SMALLER: RFC822.SIZE less than <paramref name="size"/>.</summary>
    /// <param name="size">The size in bytes.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Smaller(uint size) => new NumberKey("SMALLER", size);

    /// <summary>FROM: the From header contains the text (case-insensitive substring, as servers match it).</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery From(string text) => new StringKey("FROM", CheckText(text));

    /// <summary>TO: the To header contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery To(string text) => new StringKey("TO", CheckText(text));

    /// <summary>CC: the Cc header contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Cc(string text) => new StringKey("CC", CheckText(text));

    /// <summary>BCC: the Bcc header contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Bcc(string text) => new StringKey("BCC", CheckText(text));

    /// <summary>SUBJECT: the Subject header contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Subject(string text) => new StringKey("SUBJECT", CheckText(text));

    /// <summary>BODY: the body (not the header) contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Body(string text) => new StringKey("BODY", CheckText(text));

    /// <summary>TEXT: the header or the body contains the text.</summary>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Text(string text) => new StringKey("TEXT", CheckText(text));

    /// <summary>HEADER: the named header field contains the text; an empty text matches every message that has the field.</summary>
    /// <param name="field">The field name, e.g. <c>Message-ID</c>: printable ASCII without colon or space.</param>
    /// <param name="text">The text; any Unicode, no NUL.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">The field name is empty or not a valid header field name.</exception>
    public static SearchQuery Header(string field, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        foreach (var c in field)
        {
            if (c is <= ' ' or > '~' or ':')
            {
                throw new ArgumentException($"\"{field}\" is not a header field name (printable ASCII without colon or space).", nameof(field));
            }
        }

        return new HeaderKey(field, CheckText(text));
    }

    /// <summary>Messages by sequence number (a bare sequence set).</summary>
    /// <param name="sequenceNumbers">The sequence numbers.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Messages(SequenceSet sequenceNumbers)
    {
        ArgumentNullException.ThrowIfNull(sequenceNumbers);
        return new SetKey(sequenceNumbers, byUid: false);
    }

    /// <summary>UID: messages by UID.</summary>
    /// <param name="uids">The UIDs.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Uids(SequenceSet uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        return new SetKey(uids, byUid: true);
    }

    /// <summary>
    /// MODSEQ (CONDSTORE, RFC 7162): messages changed at or after the mod-sequence. The server must offer CONDSTORE;
    /// the result then carries the highest mod-sequence of the matches.
    /// </summary>
    /// <param name="modSeq">The mod-sequence (at most 2^63 - 1).</param>
    /// <returns>The query.</returns>
    public static SearchQuery ModSeq(ulong modSeq)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(modSeq, (ulong)long.MaxValue);
        return new NumberKey("MODSEQ", modSeq, SearchFeatures.ModSeq);
    }

    /// <summary>NOT: messages that do not match <paramref name="query"/>.</summary>
    /// <param name="query">The query to negate.</param>
    /// <returns>The query.</returns>
    public static SearchQuery Not(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new NotKey(query);
    }

    /// <summary>Messages that match every query (IMAP's implicit AND; a group in parentheses where one key is expected).</summary>
    /// <param name="queries">One or more queries.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">No query was given.</exception>
    public static SearchQuery AllOf(params SearchQuery[] queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var keys = new List<SearchQuery>(queries.Length);
        foreach (var query in queries)
        {
            ArgumentNullException.ThrowIfNull(query, nameof(queries));

            // AND is associative: nested groups are flattened rather than parenthesised.
            if (query is AndKey and)
            {
                keys.AddRange(and.Keys);
            }
            else
            {
                keys.Add(query);
            }
        }

        return keys.Count switch
        {
            0 => throw new ArgumentException("AllOf needs at least one query.", nameof(queries)),
            1 => keys[0],
            _ => new AndKey([.. keys]),
        };
    }

    /// <summary>Messages that match any of the queries: OR keys, balanced so that many alternatives nest shallowly.</summary>
    /// <param name="queries">One or more queries.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException">No query was given.</exception>
    public static SearchQuery AnyOf(params SearchQuery[] queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Length == 0)
        {
            throw new ArgumentException("AnyOf needs at least one query.", nameof(queries));
        }

        foreach (var query in queries)
        {
            ArgumentNullException.ThrowIfNull(query, nameof(queries));
        }

        return Balanced(queries);

        static SearchQuery Balanced(ReadOnlySpan<SearchQuery> items) => items.Length == 1
            ? items[0]
            : new OrKey(Balanced(items[..(items.Length / 2)]), Balanced(items[(items.Length / 2)..]));
    }

    /// <summary>Messages that match this query and <paramref name="other"/>.</summary>
    /// <param name="other">The other query.</param>
    /// <returns>The combined query.</returns>
    public SearchQuery And(SearchQuery other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AllOf(this, other);
    }

    /// <summary>OR: messages that match this query or <paramref name="other"/>.</summary>
    /// <param name="other">The other query.</param>
    /// <returns>The combined query.</returns>
    public SearchQuery Or(SearchQuery other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new OrKey(this, other);
    }

    /// <summary>The query as it is sent (without CHARSET), with literals as on a LITERAL+ connection.</summary>
    /// <returns>E.g. <c>UNSEEN OR FROM ann SUBJECT "lunch plans"</c>.</returns>
    public override string ToString()
    {
        var builder = new CommandBuilder(literalPlus: true, literalMinus: false);
        Write(builder);
        return Encoding.UTF8.GetString(builder.Written.Span);
    }

    /// <summary>True when no message can match (an empty set of sequence numbers or UIDs where every key must hold).</summary>
    internal virtual bool MatchesNothing => false;

    /// <summary>Writes the query where a list of keys may stand (the top level, or inside parentheses).</summary>
    internal abstract void Write(CommandBuilder builder);

    /// <summary>Writes the query where exactly one key may stand (after NOT or OR): a group is parenthesised.</summary>
    internal virtual void WriteOperand(CommandBuilder builder) => Write(builder);

    private protected static SearchFeatures StringFeatures(string value) =>
        Ascii.IsValid(value) ? SearchFeatures.None : SearchFeatures.NonAscii;

    private static string CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // CR and LF travel safely inside a literal; NUL cannot travel at all (RFC 3501 forbids it in literals).
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Search text cannot contain NUL.", nameof(text));
        }

        return text;
    }

    private static string CheckKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return FlagSyntax.IsValidKeyword(keyword)
            ? keyword
            : throw new ArgumentException($"\"{keyword}\" is not a valid IMAP keyword (an atom without spaces or specials).", nameof(keyword));
    }
}
