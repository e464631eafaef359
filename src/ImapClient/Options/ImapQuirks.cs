namespace ImapClient;

/// <summary>
/// Tolerances for well-known server defects, set through <see cref="ImapConnectionOptions.Quirks"/>. All are on by
/// default: each lets the client read what a real server sends although the IMAP grammar forbids it. With a switch
/// off the parser is strict about that defect, and a response showing it is an <see cref="ImapProtocolException"/>
/// for the command it concerns (an ENVELOPE or BODYSTRUCTURE fails when its property is read); the connection goes on.
/// </summary>
[Flags]
public enum ImapQuirks : long
{
    /// <summary>Every defect is an error: the parser follows the grammar (RFC 3501 and RFC 9051) to the letter.</summary>
    None = 0,

    /// <summary>
    /// Spaces the grammar does not have: two or more where it has one (SmarterMail between FETCH items, Domino after a
    /// media subtype), a space before a closing parenthesis (QQ Mail), between addresses of an address list (Outlook.com,
    /// as RFC 3501's own example did), and at the end of a line (Yahoo after SEARCH results, others after CAPABILITY).
    /// </summary>
    ExtraSpaces = 1L << 0,

    /// <summary>
    /// Status responses without their text, or without the space before it: <c>* OK [HIGHESTMODSEQ 1]</c> (Gmail,
    /// Yahoo, iCloud), <c>* BYE</c> (iCloud), <c>A6 OK</c> (ppops.net), and a bare <c>+</c> as a continuation request
    /// (public-inbox). An empty text after the space is RFC 9051 grammar and always accepted.
    /// </summary>
    MissingResponseText = 1L << 1,

    /// <summary>
    /// Keywords, NIL and response codes in lower or mixed case (<c>ok</c>, <c>fetch</c>, <c>flags</c>, <c>nil</c>,
    /// <c>[read-write]</c>). RFC 3501 section 9 makes them case-insensitive; this switch exists for servers under test
    /// that should send the canonical upper case, as nearly all do. Flag names are always case-insensitive.
    /// </summary>
    LowercaseKeywords = 1L << 2,

    /// <summary>
    /// A bare <c>[</c> where response text belongs: text whose <c>[</c> opens no well-formed response code
    /// (Exchange Online's <c>OK [Error="…" Proxy=…] AUTHENTICATE completed.</c>), kept whole as text; and a status
    /// response that is only a bracketed code, <c>[COPYUID …]</c> (Exchange) or <c>* [COPYUID …]</c> (home.pl), read as
    /// an untagged OK.
    /// </summary>
    StrayBrackets = 1L << 3,

    /// <summary>
    /// Unquoted atoms holding characters the grammar reserves: <c>]</c> and spaces inside flag keywords (Gmail sends
    /// <c>OIB-Seen-[Google Mail]/Alle Nachrichten</c>; read word by word) and control characters such as TAB in mailbox
    /// names (Exchange). A <c>[</c> in an atom, and <c>]</c> in a mailbox name, are grammar and always accepted.
    /// </summary>
    UnquotedSpecials = 1L << 4,

    /// <summary>
    /// BODYSTRUCTURE (and BODY) values that break the grammar while keeping their shape: missing spaces between fields;
    /// NIL or <c>()</c> where a body, a list or a string is required (Domino's <c>()</c> body of an attached message,
    /// mail.ru's <c>("boundary" NIL)</c>, iCloud's and maddy's NIL encoding, Exchange's <c>(NIL NIL)</c> disposition);
    /// a bare string where the disposition list belongs (Exchange); multiparts without children (Gmail); a media type
    /// left out (only the subtype sent); a message/rfc822 part sent in the shape of a basic part (Gmail); and fields
    /// missing at the end of a part.
    /// </summary>
    SloppyBodyStructure = 1L << 5,

    /// <summary>
    /// Body part sizes (octets, lines) that are not numbers: NIL, or negative such as <c>-1</c> (Exchange and others);
    /// read as 0.
    /// </summary>
    NilBodyPartSizes = 1L << 6,

    /// <summary>
    /// INTERNALDATE values whose spaces break <c>date-time</c>: a one-digit day with no padding space
    /// (<c>"8-Mar-2023 12:16:47 +0800"</c>), doubled spaces, or spaces around the value. The grammar's own padding, a
    /// space before a one-digit day (<c>" 5-Apr-2017 14:38:25 +0200"</c>), is no defect and always accepted.
    /// </summary>
    SpacePaddedDates = 1L << 7,

    /// <summary>
    /// INTERNALDATE values that are no date at all, read as null: impossible dates such as Domino's
    /// <c>"00-Jan-0000 00:00:00 +0000"</c>, and NIL.
    /// </summary>
    InvalidDates = 1L << 8,

    /// <summary>
    /// 8-bit bytes inside quoted strings, which RFC 3501 allows only in literals: raw UTF-8 header text copied into an
    /// ENVELOPE or BODYSTRUCTURE (online.no and others). Decoded as UTF-8. Servers that announce
    /// IMAP4rev2 or enable UTF8=ACCEPT send UTF-8 in quoted strings legitimately: keep this on for them.
    /// </summary>
    EightBitQuotedStrings = 1L << 9,

    /// <summary>
    /// A double quote inside a quoted string sent without its backslash (<c>"test""</c>, <c>""""</c> for a description
    /// of two quotes): a quote that is not followed by a space, a parenthesis, a bracket or the line end is taken as
    /// part of the text.
    /// </summary>
    UnescapedQuotes = 1L << 10,

    /// <summary>A FETCH item wrapped in a stray pair of parentheses, <c>(ENVELOPE (…))</c> (Lotus Domino).</summary>
    ExtraParentheses = 1L << 11,

    /// <summary>
    /// An address with more than four fields because its name spilled over (DavMail counts a UTF-8 name's literal
    /// length in characters, not bytes); the last two fields are taken as mailbox and host and the name is rebuilt.
    /// </summary>
    SpilledAddressNames = 1L << 12,

    /// <summary>
    /// ENVELOPE values that break the grammar while keeping their shape: missing spaces, fields missing at the end
    /// (servers that drop the Message-ID), extra fields, a stray NIL or string inside an address list (SmarterMail), a
    /// string where an address list belongs, an atom where a string belongs, and addresses with fewer than four fields
    /// (read from the end: the last two values are mailbox and host, a value before them the display name).
    /// </summary>
    SloppyEnvelope = 1L << 13,

    /// <summary>
    /// FETCH data items run together or left without their value: no space between two items, a body section with no
    /// value at all (Yandex's <c>BODY[2] )</c> for an empty attachment, read as empty content), an unknown item
    /// without a value, and NIL where RFC822.SIZE needs a number.
    /// </summary>
    SloppyFetch = 1L << 14,

    /// <summary>
    /// Numbers out of their range: 0 where the grammar wants a non-zero number (SmarterMail's and others'
    /// <c>UIDVALIDITY 0</c>, Courier's <c>* 0 FETCH</c>, Gmail's <c>MODSEQ (0)</c>), a UIDVALIDITY, UIDNEXT or UNSEEN
    /// beyond 32 bits (GreenMail's clock in milliseconds; the mailbox's value is then unknown), and a negative MODSEQ
    /// (Zoho's <c>MODSEQ (-1)</c>, read as no MODSEQ).
    /// </summary>
    InvalidNumbers = 1L << 15,

    /// <summary>
    /// BYE as the tagged completion of a command (wp.pl answers LOGOUT with <c>A1 BYE …</c>): a LOGOUT completed so is
    /// a successful one.
    /// </summary>
    TaggedBye = 1L << 16,

    /// <summary>
    /// A fetched header section that is no valid header (junk bytes, lines without a field name): reading
    /// <see cref="FetchedMessage.Headers"/> or <see cref="FetchedMessage.GetHeaders"/> gives the fields that can be
    /// parsed, possibly none, and the bytes stay in <see cref="FetchedMessage.GetSection"/>. With this off, reading
    /// them throws <see cref="ImapProtocolException"/> (the FETCH itself, and the connection, are fine).
    /// </summary>
    MalformedHeaders = 1L << 17,

    /// <summary>
    /// ENABLE answered with a tagged OK and no <c>* ENABLED</c> response (a widely used server answers
    /// <c>ENABLE QRESYNC CONDSTORE</c> with only <c>OK ENABLE completed</c>; RFC 5161 wants the ENABLED line, empty
    /// when nothing was enabled). With this switch the requested extensions that the server advertises count as
    /// enabled, so QRESYNC and UTF8=ACCEPT can be used there; without it, nothing counts as enabled. An ENABLED
    /// response, when there is one, is always what counts.
    /// </summary>
    EnableWithoutEnabled = 1L << 18,

    /// <summary>Every tolerance: the default.</summary>
    All = (1L << 19) - 1,
}
