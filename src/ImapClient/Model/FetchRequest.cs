namespace ImapClient;

/// <summary>What to fetch: data items plus body sections such as <c>BODY.PEEK[HEADER]</c>.</summary>
public sealed class FetchRequest
{
    private readonly List<BodySectionRequest> _sections = [];

    /// <summary>Creates a request for the given items.</summary>
    /// <param name="items">The data items.</param>
    public FetchRequest(FetchItems items = FetchItems.None) => Items = items;

    /// <summary>The data items.</summary>
    public FetchItems Items { get; }

    /// <summary>The body sections requested.</summary>
    public IReadOnlyList<BodySectionRequest> BodySections => _sections;

    /// <summary>Adds a body section.</summary>
    /// <param name="section">The section between the brackets: empty for the whole message, <c>HEADER</c>, <c>TEXT</c>, <c>1.2</c>, <c>HEADER.FIELDS (FROM SUBJECT)</c>, <c>1.MIME</c> …</param>
    /// <param name="peek">True (the default) to use <c>BODY.PEEK</c>, which does not set <c>\Seen</c>.</param>
    /// <param name="offset">For a partial fetch, the first octet.</param>
    /// <param name="count">For a partial fetch, the number of octets.</param>
    /// <param name="binary">
    /// True for <c>BINARY[…]</c> (RFC 3516): the server removes the content transfer encoding (base64, quoted-printable)
    /// and sends the decoded bytes. Only for servers that offer BINARY; the section must name a part (or be empty).
    /// </param>
    /// <returns>This request, for chaining.</returns>
    /// <exception cref="ArgumentException">The section holds a control character, a non-ASCII character or ']'.</exception>
    public FetchRequest AddBodySection(string section, bool peek = true, long? offset = null, long? count = null, bool binary = false)
    {
        ArgumentNullException.ThrowIfNull(section);

        // The section goes into the command line as it is: only printable ASCII, and no ']' that would end it early.
        foreach (var c in section)
        {
            if (c is < '\x20' or > '\x7e' or ']')
            {
                throw new ArgumentException(
                    $"A section is printable ASCII without ']' (found U+{(int)c:X4}); CR, LF and NUL are never sent.", nameof(section));
            }
        }

        if ((offset is null) != (count is null) || offset < 0 || count <= 0)
        {
            throw new ArgumentException("A partial fetch needs both a non-negative offset and a positive count.", nameof(offset));
        }

        _sections.Add(new BodySectionRequest(section, peek, offset, count) { Binary = binary });
        return this;
    }

    /// <summary>True when any section asks for BINARY, which the server must offer.</summary>
    internal bool UsesBinary => _sections.Exists(s => s.Binary);

    /// <summary>
    /// CHANGEDSINCE (RFC 7162 CONDSTORE): only messages whose MODSEQ is above this value are returned (MODSEQ is then
    /// reported for each). Null (the default) for all.
    /// </summary>
    public ulong? ChangedSince { get; init; }

    /// <summary>
    /// With <see cref="ChangedSince"/> on a UID FETCH: also report, as a VANISHED (EARLIER) response, the UIDs of the
    /// set that were expunged since then (RFC 7162 QRESYNC, which must be enabled first).
    /// </summary>
    public bool Vanished { get; init; }

    /// <summary>
    /// True to parse each message's ENVELOPE (with its From, To and Cc lists) and BODYSTRUCTURE as its FETCH response
    /// arrives, on the connection's reader, while the server still sends the rest; false (the default) to parse them
    /// when first read. Set it when the caller will read these values from most messages, as a message list does: the
    /// work then overlaps the transfer instead of following it. Leave it off when most values are never read (a list
    /// of UIDs and flags, a sync that keeps only some messages): parsing on arrival would cost the FETCH that time.
    /// The values are the same objects a later read returns; a value that cannot be parsed still throws
    /// <see cref="ImapProtocolException"/> when read, and the FETCH itself succeeds as without this option.
    /// </summary>
    public bool ParseWhileReceiving { get; init; }
}

/// <summary>One requested body section.</summary>
/// <param name="Section">The section between the brackets.</param>
/// <param name="Peek">Whether <c>BODY.PEEK</c> is used.</param>
/// <param name="Offset">The first octet of a partial fetch, or null.</param>
/// <param name="Count">The octet count of a partial fetch, or null.</param>
public sealed record BodySectionRequest(string Section, bool Peek, long? Offset, long? Count)
{
    /// <summary>True for <c>BINARY[…]</c>: decoded content (RFC 3516).</summary>
    public bool Binary { get; init; }
}
