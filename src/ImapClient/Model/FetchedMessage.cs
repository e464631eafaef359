using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace ImapClient;

/// <summary>What a FETCH returned for one message. Items that were not requested (or not sent) are null.</summary>
/// <remarks>
/// <see cref="Envelope"/> and <see cref="BodyStructure"/> are kept as the server's bytes and parsed the first time
/// they are read (once; safe from any thread). A FETCH of thousands of summaries therefore costs little until the
/// caller looks, and a malformed value costs only its own property: reading it throws
/// <see cref="ImapProtocolException"/> rather than failing the whole FETCH.
/// </remarks>
public sealed class FetchedMessage
{
    private static readonly FetchedBodySection[] NoSections = [];

    private List<FetchedBodySection>? _sections;
    private readonly FetchedValueParser _parser;
    private HeaderList? _headers;
    private MimeMessage? _message;
    private ReadOnlyMemory<byte> _envelopeBytes;
    private ReadOnlyMemory<byte> _bodyStructureBytes;
    private bool _bodyStructureIsExtensible;
    private Envelope? _envelope;
    private BodyPart? _bodyStructure;

    /// <param name="sequenceNumber">The message sequence number.</param>
    /// <param name="parser">Builds the values kept as bytes on first read (Protocol/FetchedValues.cs, the connection's).</param>
    internal FetchedMessage(uint sequenceNumber, FetchedValueParser parser)
    {
        SequenceNumber = sequenceNumber;
        _parser = parser;
    }

    /// <summary>
    /// The message sequence number: in a command's result, as of its completion (expunges reported before it are
    /// applied); in an event, at the time of the response.
    /// </summary>
    public uint SequenceNumber { get; internal set; }

    /// <summary>The UID.</summary>
    public uint? Uid { get; internal set; }

    /// <summary>The flags.</summary>
    public MessageFlags? Flags { get; internal set; }

    /// <summary>The INTERNALDATE.</summary>
    public DateTimeOffset? InternalDate { get; internal set; }

    /// <summary>The RFC822.SIZE in bytes.</summary>
    public long? Size { get; internal set; }

    /// <summary>The ENVELOPE, parsed on first read.</summary>
    /// <exception cref="ImapProtocolException">The server's ENVELOPE could not be parsed.</exception>
    public Envelope? Envelope
    {
        get
        {
            if (_envelope is null && !_envelopeBytes.IsEmpty)
            {
                Interlocked.CompareExchange(ref _envelope, _parser.ParseEnvelope(_envelopeBytes), null);
            }

            return _envelope;
        }
    }

    /// <summary>The BODYSTRUCTURE (or the non-extensible BODY) tree, parsed on first read.</summary>
    /// <exception cref="ImapProtocolException">The server's body structure could not be parsed.</exception>
    public BodyPart? BodyStructure
    {
        get
        {
            if (_bodyStructure is null && !_bodyStructureBytes.IsEmpty)
            {
                Interlocked.CompareExchange(ref _bodyStructure, _parser.ParseBodyStructure(_bodyStructureBytes), null);
            }

            return _bodyStructure;
        }
    }

    /// <summary>The MODSEQ (RFC 7162), when the server sent one.</summary>
    public ulong? ModSeq { get; internal set; }

    /// <summary>Every body section, BINARY and RFC822 item, in the order received.</summary>
    public IReadOnlyList<FetchedBodySection> BodySections => _sections ?? (IReadOnlyList<FetchedBodySection>)NoSections;

    /// <summary>The header section (<c>BODY[HEADER]</c> or <c>RFC822.HEADER</c>) parsed by MimeKit (once), or null.</summary>
    /// <remarks>
    /// A section that is no valid header gives the fields that can be parsed, possibly none (its bytes stay in
    /// <see cref="GetSection"/>), unless <see cref="ImapQuirks.MalformedHeaders"/> is off.
    /// </remarks>
    /// <exception cref="ImapProtocolException">The section is not a header section (only without <see cref="ImapQuirks.MalformedHeaders"/>).</exception>
    [SuppressMessage("Naming", "CA1721", Justification = "Public API: Headers is the parsed header section, GetHeaders(section) another section's; both names say so.")]
    public HeaderList? Headers
    {
        get
        {
            if (_headers is null && GetHeaders("HEADER") is { } parsed)
            {
                Interlocked.CompareExchange(ref _headers, parsed, null);
            }

            return _headers;
        }
    }

    /// <summary>
    /// The whole message (<c>BODY[]</c> or <c>RFC822</c>) parsed by MimeKit (once: every read returns the same
    /// instance, from any thread), or null.
    /// </summary>
    public MimeMessage? Message
    {
        get
        {
            if (_message is null && FindSection("", "RFC822") is { } data)
            {
                using var stream = new ReadOnlyMemoryStream(data);
                Interlocked.CompareExchange(ref _message, MimeMessage.Load(stream), null);
            }

            return _message;
        }
    }

    /// <summary>Finds the bytes of a section, e.g. <c>HEADER</c>, <c>1.2</c>, <c>HEADER.FIELDS (FROM)</c>.</summary>
    /// <param name="section">
    /// The section as requested. It matches the server's however that spells it: case, spacing, and field names
    /// quoted or sent as literals do not matter (see <see cref="FetchedBodySection.Matches"/>).
    /// </param>
    /// <returns>The bytes, or null when the section was not in the response or was NIL.</returns>
    public ReadOnlyMemory<byte>? GetSection(string section) => FindSection(section, null);

    /// <summary>Parses a header section (<c>HEADER</c>, <c>HEADER.FIELDS (…)</c>, <c>1.MIME</c> …) with MimeKit.</summary>
    /// <param name="section">The section as requested (matched as <see cref="GetSection"/> does).</param>
    /// <returns>The headers, or null when the section was not in the response.</returns>
    /// <exception cref="ImapProtocolException">The section is not a header section (only without <see cref="ImapQuirks.MalformedHeaders"/>).</exception>
    public HeaderList? GetHeaders(string section)
    {
        var alias = string.Equals(section, "HEADER", StringComparison.OrdinalIgnoreCase) ? "RFC822.HEADER" : null;
        var data = FindSection(section, alias);
        if (data is null)
        {
            return null;
        }

        return _parser.ParseHeaders(data.Value);
    }

    internal void AddSection(FetchedBodySection section)
    {
        (_sections ??= []).Add(section);
        _headers = null;
        _message = null;
    }

    /// <summary>
    /// Parses the header section ahead of the first read, its values decoded too (MimeKit keeps a header's decoded
    /// value once made): on the reader loop this overlaps the transfer of the rest of the FETCH, where the caller
    /// would otherwise decode every value after it. One MimeKit cannot parse is left for <see cref="Headers"/> to report.
    /// </summary>
    internal void PrepareHeaders(ReadOnlyMemory<byte> section)
    {
        try
        {
            var headers = _parser.ParseHeaders(section);
            foreach (var header in headers)
            {
                _ = header.Value;
            }

            _headers = headers;
        }
        catch (ImapProtocolException)
        {
            _headers = null;
        }
    }

    /// <summary>Set by a command whose request asks for <see cref="FetchRequest.ParseWhileReceiving"/>.</summary>
    internal bool ParseAheadWanted { get; set; }

    /// <summary>
    /// Builds what a message list reads (the envelope with its From, To and Cc lists, the body structure) ahead of the
    /// first read, on the reader loop. A value that cannot be parsed is left unbuilt, for its first read to report as
    /// it would without this.
    /// </summary>
    internal void ParseAhead()
    {
        try
        {
            if (Envelope is { } envelope)
            {
                _ = envelope.From;
                _ = envelope.To;
                _ = envelope.Cc;
            }
        }
        catch (ImapProtocolException)
        {
        }

        try
        {
            _ = BodyStructure;
        }
        catch (ImapProtocolException)
        {
        }
    }

    /// <summary>Whether the envelope and body structure are built (tests: proof that they were built on arrival).</summary>
    internal bool IsParsed => _envelope is { HasListedAddresses: true } && _bodyStructure is not null;

    /// <param name="bytes">The value as sent, parsed on first read.</param>
    internal void SetEnvelope(ReadOnlyMemory<byte> bytes)
    {
        _envelopeBytes = bytes;
        _envelope = null;
    }

    /// <param name="bytes">The value as sent.</param>
    /// <param name="extensible">BODYSTRUCTURE (true) or the non-extensible BODY, which carries less and so never replaces it.</param>
    internal void SetBodyStructure(ReadOnlyMemory<byte> bytes, bool extensible = true)
    {
        if (!extensible && _bodyStructureIsExtensible)
        {
            return;
        }

        _bodyStructureBytes = bytes;
        _bodyStructure = null;
        _bodyStructureIsExtensible = extensible;
    }

    /// <summary>Adds what a later FETCH response for the same message carried.</summary>
    internal void MergeFrom(FetchedMessage other)
    {
        Uid = other.Uid ?? Uid;
        Flags = other.Flags ?? Flags;
        InternalDate = other.InternalDate ?? InternalDate;
        Size = other.Size ?? Size;
        if (!other._envelopeBytes.IsEmpty)
        {
            SetEnvelope(other._envelopeBytes);
        }

        if (!other._bodyStructureBytes.IsEmpty)
        {
            SetBodyStructure(other._bodyStructureBytes, other._bodyStructureIsExtensible);
        }

        ModSeq = other.ModSeq ?? ModSeq;
        if (other._sections is not null)
        {
            (_sections ??= []).AddRange(other._sections);
        }

        _headers = null;
        _message = null;
    }

    private ReadOnlyMemory<byte>? FindSection(string section, string? rfc822Alias)
    {
        foreach (var s in BodySections)
        {
            var matches = s.Name is "BODY" or "BINARY"
                ? s.Matches(section)
                : rfc822Alias is not null && s.Name == rfc822Alias;
            if (matches && s.Origin is null && s.Data is not null)
            {
                return s.Data;
            }
        }

        return null;
    }
}
