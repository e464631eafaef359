using System.Globalization;

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

    internal string Encode()
    {
        if (_sections.Count == 0 && Items is FetchItems.All or FetchItems.Fast or FetchItems.Full && ChangedSince is null)
        {
            return Items.ToString().ToUpperInvariant();
        }

        var parts = new List<string>();
        void Add(FetchItems item, string name)
        {
            if ((Items & item) != 0)
            {
                parts.Add(name);
            }
        }

        Add(FetchItems.Uid, "UID");
        Add(FetchItems.Flags, "FLAGS");
        Add(FetchItems.InternalDate, "INTERNALDATE");
        Add(FetchItems.Size, "RFC822.SIZE");
        Add(FetchItems.Envelope, "ENVELOPE");
        Add(FetchItems.BodyStructure, "BODYSTRUCTURE");
        Add(FetchItems.Body, "BODY");
        Add(FetchItems.Rfc822, "RFC822");
        Add(FetchItems.ModSeq, "MODSEQ");
        foreach (var s in _sections)
        {
            var partial = s.Offset is null ? "" : string.Create(CultureInfo.InvariantCulture, $"<{s.Offset}.{s.Count}>");
            var name = s.Binary ? "BINARY" : "BODY";
            parts.Add($"{name}{(s.Peek ? ".PEEK" : "")}[{s.Section}]{partial}");
        }

        if (parts.Count == 0)
        {
            throw new ArgumentException("The fetch request names no items.");
        }

        var items = parts.Count == 1 ? parts[0] : $"({string.Join(' ', parts)})";
        return ChangedSince is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"{items} (CHANGEDSINCE {since}{(Vanished ? " VANISHED" : "")})")
            : items;
    }
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
