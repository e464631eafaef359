using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// A token reader over one complete response (its lines and literals). Pure: no I/O. Every method either consumes a
/// well-formed token or throws <see cref="ImapProtocolException"/>: the scanner has already proved the response is
/// complete, so running out of bytes here is a grammar error, not "need more data".
/// </summary>
internal ref struct ImapReader
{
    private static readonly SearchValues<byte> AtomDelimiters = SearchValues.Create(AtomDelimiterBytes);
    private static readonly SearchValues<byte> AStringDelimiters = SearchValues.Create(AStringDelimiterBytes);
    private static readonly SearchValues<byte> QuotedSpecials = SearchValues.Create("\"\\\r\n"u8);

    /// <summary>Where an atom ends when brackets delimit it too (<c>BODY[…]</c>, response codes).</summary>
    private static ReadOnlySpan<byte> AtomDelimiterBytes => " ()[]{\"\r\n"u8;

    /// <summary>Where an astring or flag atom ends: <c>[</c> is an ATOM-CHAR and <c>]</c> an ASTRING-CHAR.</summary>
    private static ReadOnlySpan<byte> AStringDelimiterBytes => " (){\"\r\n"u8;

    private SequenceReader<byte> _reader;
    private readonly ImapLimits _limits;

    public ImapReader(ReadOnlySequence<byte> response, ImapLimits limits)
    {
        _reader = new SequenceReader<byte>(response);
        _limits = limits;
    }

    public readonly ImapLimits Limits => _limits;

    /// <summary>Whether the parser tolerates <paramref name="quirk"/>.</summary>
    public readonly bool Tolerates(ImapQuirks quirk) => (_limits.Quirks & quirk) != 0;

    /// <summary>Accepts <paramref name="defect"/> when <paramref name="quirk"/> is tolerated, and throws otherwise.</summary>
    public readonly void Tolerate(ImapQuirks quirk, string defect)
    {
        if ((_limits.Quirks & quirk) == 0)
        {
            throw Error($"{defect}, a server defect tolerated only with ImapQuirks.{quirk}");
        }
    }

    /// <summary>
    /// Accepts the defect when <paramref name="quirk"/> is tolerated, and throws otherwise; the interpolated
    /// <paramref name="defect"/> is formatted only to throw.
    /// </summary>
    public readonly void Tolerate(ImapQuirks quirk, [InterpolatedStringHandlerArgument("", nameof(quirk))] ref DefectText defect)
    {
        if ((_limits.Quirks & quirk) == 0)
        {
            throw Error($"{defect.ToStringAndClear()}, a server defect tolerated only with ImapQuirks.{quirk}");
        }
    }

    public readonly long Consumed => _reader.Consumed;

    /// <summary>
    /// The unread bytes of the current segment, for a parser's fast path over a common shape (it then calls
    /// <see cref="Advance"/>); anything that path does not recognise is left to the general methods.
    /// </summary>
    public readonly ReadOnlySpan<byte> UnreadSpan => _reader.UnreadSpan;

    public readonly bool End => _reader.End;

    public readonly byte Peek() => _reader.TryPeek(out var b) ? b : throw Error("the response ended too early");

    public readonly bool TryPeek(out byte value) => _reader.TryPeek(out value);

    public readonly bool IsNext(byte value) => _reader.TryPeek(out var b) && b == value;

    public readonly bool AtLineEnd => !_reader.TryPeek(out var b) || b == (byte)'\r' || b == (byte)'\n';

    public bool TryConsume(byte value) => _reader.IsNext(value, advancePast: true);

    public void Expect(byte value)
    {
        if (!_reader.IsNext(value, advancePast: true))
        {
            throw Error($"expected '{(char)value}'");
        }
    }

    public void ExpectSpace() => Expect((byte)' ');

    /// <summary>Consumes the spaces here and returns how many; more than one only with <see cref="ImapQuirks.ExtraSpaces"/>.</summary>
    public int SkipSpaces()
    {
        var count = (int)_reader.AdvancePast((byte)' ');
        if (count > 1)
        {
            Tolerate(ImapQuirks.ExtraSpaces, "more than one space");
        }

        return count;
    }

    /// <summary>Consumes any run of spaces, for reading as much as can be read of a response already known to be bad.</summary>
    public int SkipAnySpaces() => (int)_reader.AdvancePast((byte)' ');

    /// <summary>The one space the grammar has here; a run of them with <see cref="ImapQuirks.ExtraSpaces"/>.</summary>
    public void ExpectSpaces()
    {
        if (SkipSpaces() == 0)
        {
            throw Error("expected a space");
        }
    }

    /// <summary>
    /// Moves to the next element of a parenthesised list whose <c>(</c> was consumed. False at the list's end, with the
    /// <c>)</c> left to read.
    /// </summary>
    /// <param name="first">No element was read yet, so the grammar has no space here.</param>
    /// <param name="separated">Elements are separated by a space; false for those written back to back (addresses, body parts).</param>
    /// <param name="missingSpace">The quirk that tolerates a missing separator; <see cref="ImapQuirks.None"/> makes it an error.</param>
    public bool MoreInList(bool first, bool separated = true, ImapQuirks missingSpace = ImapQuirks.None)
    {
        var spaces = SkipSpaces();
        if (IsNext((byte)')'))
        {
            if (spaces > 0)
            {
                Tolerate(ImapQuirks.ExtraSpaces, "a space before ')'");
            }

            return false;
        }

        if (first || !separated)
        {
            if (spaces > 0)
            {
                Tolerate(ImapQuirks.ExtraSpaces, first ? "a space after '('" : "a space between list elements the grammar writes back to back");
            }
        }
        else if (spaces == 0)
        {
            if (missingSpace == ImapQuirks.None)
            {
                throw Error("expected a space");
            }

            Tolerate(missingSpace, "no space between two values");
        }

        return true;
    }

    /// <summary>After the spaces just skipped: true at the line's end, where a trailing space needs <see cref="ImapQuirks.ExtraSpaces"/>.</summary>
    public readonly bool AtLineEndAfter(int spaces)
    {
        if (!AtLineEnd)
        {
            return false;
        }

        if (spaces > 0)
        {
            Tolerate(ImapQuirks.ExtraSpaces, "a space at the end of the line");
        }

        return true;
    }

    /// <summary>Consumes the final CRLF (a bare LF is tolerated) and requires nothing to follow.</summary>
    public void ExpectLineEnd()
    {
        _reader.IsNext((byte)'\r', advancePast: true);
        if (!_reader.IsNext((byte)'\n', advancePast: true) || !_reader.End)
        {
            throw Error("expected the end of the response");
        }
    }

    /// <summary>Reads an atom: bytes up to a space, parenthesis, bracket, brace, quote or line end.</summary>
    public ReadOnlySpan<byte> ReadAtom()
    {
        var unread = _reader.UnreadSpan;
        var end = unread.IndexOfAny(AtomDelimiters);
        ReadOnlySpan<byte> atom;
        if (end >= 0)
        {
            atom = unread[..end];
            _reader.Advance(end);
        }
        else if (!_reader.TryReadToAny(out atom, AtomDelimiterBytes, advancePastDelimiter: false))
        {
            throw Error("the response ended inside an atom");
        }

        if (atom.IsEmpty)
        {
            throw Error("expected an atom");
        }

        CheckAtomChars(atom);
        return atom;
    }

    public string ReadAtomString() => Encoding.ASCII.GetString(ReadAtom());

    /// <summary>
    /// Reads an atom that may hold brackets: an astring's atom (<c>[Gmail]/Sent</c>) or a flag. <c>]</c> is no ATOM-CHAR,
    /// so in a flag it needs <see cref="ImapQuirks.UnquotedSpecials"/>.
    /// </summary>
    public ReadOnlySpan<byte> ReadBracketedAtom(bool isFlag)
    {
        var unread = _reader.UnreadSpan;
        var end = unread.IndexOfAny(AStringDelimiters);
        ReadOnlySpan<byte> atom;
        if (end >= 0)
        {
            atom = unread[..end];
            _reader.Advance(end);
        }
        else if (!_reader.TryReadToAny(out atom, AStringDelimiterBytes, advancePastDelimiter: false))
        {
            throw Error("the response ended inside an atom");
        }

        if (atom.IsEmpty)
        {
            throw Error("expected an atom");
        }

        if (isFlag && atom.Contains((byte)']'))
        {
            Tolerate(ImapQuirks.UnquotedSpecials, "a ']' in a flag");
        }

        CheckAtomChars(atom);
        return atom;
    }

    /// <summary>Control characters (Exchange sends TABs in mailbox names) are no ATOM-CHARs.</summary>
    private readonly void CheckAtomChars(ReadOnlySpan<byte> atom)
    {
        if (!Tolerates(ImapQuirks.UnquotedSpecials) && (atom.ContainsAnyInRange((byte)0, (byte)0x1f) || atom.Contains((byte)0x7f)))
        {
            Tolerate(ImapQuirks.UnquotedSpecials, "a control character in an atom");
        }
    }

    /// <summary>Consumes <paramref name="keyword"/> (case-insensitive) when it is the whole next atom.</summary>
    public bool TryReadKeyword(ReadOnlySpan<byte> keyword)
    {
        var unread = _reader.UnreadSpan;
        if (unread.Length > keyword.Length)
        {
            // Parsers try keyword after keyword (ResponseParser a dozen before LIST): most differ in the first letter.
            if ((unread[0] | 0x20) != (keyword[0] | 0x20)
                || !Ascii.EqualsIgnoreCase(unread[..keyword.Length], keyword) || !AtomDelimiters.Contains(unread[keyword.Length]))
            {
                return false;
            }

            CheckKeywordCase(unread[..keyword.Length], keyword);
            _reader.Advance(keyword.Length);
            return true;
        }

        // The end of the bytes also ends the atom: a value stored for a later parse (BODYSTRUCTURE NIL) is only its item.
        var copy = _reader;
        Span<byte> buffer = stackalloc byte[keyword.Length + 1];
        var atEnd = copy.Remaining == keyword.Length;
        if (!copy.TryCopyTo(atEnd ? buffer[..keyword.Length] : buffer) || !Ascii.EqualsIgnoreCase(buffer[..keyword.Length], keyword)
            || (!atEnd && !AtomDelimiters.Contains(buffer[^1])))
        {
            return false;
        }

        CheckKeywordCase(buffer[..keyword.Length], keyword);
        _reader.Advance(keyword.Length);
        return true;
    }

    /// <summary>Keywords are given in upper case; another spelling needs <see cref="ImapQuirks.LowercaseKeywords"/>.</summary>
    public readonly void CheckKeywordCase(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> keyword)
    {
        if (!Tolerates(ImapQuirks.LowercaseKeywords) && !sent.SequenceEqual(keyword))
        {
            Tolerate(ImapQuirks.LowercaseKeywords, $"\"{Encoding.ASCII.GetString(sent)}\" not in upper case");
        }
    }

    public bool TryReadNil() => TryReadKeyword("NIL"u8);

    public uint ReadNumber()
    {
        var value = ReadNumber64();
        return value <= uint.MaxValue ? (uint)value : throw Error("a number is larger than 32 bits allow");
    }

    public ulong ReadNumber64()
    {
        var atom = ReadAtom();
        if (!Utf8Parser.TryParse(atom, out ulong value, out var used) || used != atom.Length)
        {
            throw Error($"expected a number, found \"{Printable(atom)}\"");
        }

        return value;
    }

    /// <summary>Reads a number that is not followed by an atom delimiter, such as the origin in <c>&lt;100&gt;</c>.</summary>
    public ulong ReadDigits()
    {
        ulong value = 0;
        var count = 0;
        while (_reader.TryPeek(out var b) && b is >= (byte)'0' and <= (byte)'9')
        {
            if (value > (ulong.MaxValue - 9) / 10)
            {
                throw Error("a number is too large");
            }

            value = (value * 10) + (ulong)(b - '0');
            _reader.Advance(1);
            count++;
        }

        return count > 0 ? value : throw Error("expected a number");
    }

    /// <summary>How many times <paramref name="value"/> occurs in what is left of the response (a vectorised count, no copy).</summary>
    public readonly int CountAhead(byte value)
    {
        var count = 0;
        foreach (var segment in _reader.UnreadSequence)
        {
            count += segment.Span.Count(value);
        }

        return count;
    }

    public readonly bool NextIsDigit => _reader.TryPeek(out var b) && b is >= (byte)'0' and <= (byte)'9';

    /// <summary>Reads a string (quoted or literal) or NIL.</summary>
    public string? ReadNString()
    {
        if (TryReadNil())
        {
            return null;
        }

        return ReadString();
    }

    /// <summary>Reads a quoted string or a literal, decoded as UTF-8.</summary>
    public string ReadString()
    {
        var b = Peek();
        if (b == (byte)'"')
        {
            return ReadQuoted();
        }

        if (b is (byte)'{' or (byte)'~')
        {
            return Encoding.UTF8.GetString(ReadLiteral());
        }

        throw Error("expected a string");
    }

    /// <summary>Reads an astring: an atom, a quoted string or a literal.</summary>
    public string ReadAString()
    {
        var b = Peek();
        if (b is (byte)'"' or (byte)'{' or (byte)'~')
        {
            return ReadString();
        }

        return Encoding.UTF8.GetString(ReadBracketedAtom(isFlag: false));
    }

    /// <summary>
    /// Reads <c>NIL</c> or a quoted single character (the hierarchy delimiter of LIST and NAMESPACE) without
    /// allocating; an empty string counts as NIL.
    /// </summary>
    public char? ReadNQuotedChar()
    {
        if (TryReadNil())
        {
            return null;
        }

        var start = this;
        if (TryConsume((byte)'"') && _reader.TryRead(out var b))
        {
            if (b == (byte)'"')
            {
                return null;
            }

            if (b == (byte)'\\' && !_reader.TryRead(out b))
            {
                throw Error("the response ended inside a quoted string");
            }

            if (b < 0x80 && TryConsume((byte)'"'))
            {
                return (char)b;
            }
        }

        // Not the usual one-byte form (a literal, or a longer string): read it whole and keep its first character.
        this = start;
        var text = ReadString();
        return text.Length > 0 ? text[0] : null;
    }

    /// <summary>Reads an nstring as raw bytes, for body sections: null for NIL.</summary>
    public byte[]? ReadNStringBytes()
    {
        if (TryReadNil())
        {
            return null;
        }

        var b = Peek();
        if (b == (byte)'"')
        {
            return Encoding.UTF8.GetBytes(ReadQuoted());
        }

        if (b is (byte)'{' or (byte)'~')
        {
            return ReadLiteral().ToArray();
        }

        throw Error("expected a string or NIL");
    }

    /// <summary>True when what is left is exactly a literal's announcement (<c>{n}</c> CRLF) and nothing more.</summary>
    public bool TryReadLiteralHeaderAtEnd()
    {
        TryConsume((byte)'~');
        if (!TryConsume((byte)'{') || !_reader.TryReadTo(out ReadOnlySpan<byte> _, (byte)'}'))
        {
            return false;
        }

        _reader.IsNext((byte)'\r', advancePast: true);
        return _reader.IsNext((byte)'\n', advancePast: true) && _reader.End;
    }

    /// <summary>Reads <c>{n}</c>, <c>{n+}</c> or <c>~{n}</c>, the CRLF, and returns the n bytes that follow.</summary>
    public ReadOnlySequence<byte> ReadLiteral()
    {
        TryConsume((byte)'~');
        Expect((byte)'{');
        if (!_reader.TryReadTo(out ReadOnlySpan<byte> digits, (byte)'}'))
        {
            throw Error("unterminated literal length");
        }

        if (digits.Length > 0 && digits[^1] == (byte)'+')
        {
            digits = digits[..^1];
        }

        if (!Utf8Parser.TryParse(digits, out long length, out var used) || used != digits.Length || length < 0)
        {
            throw Error("invalid literal length");
        }

        if (length > _limits.MaxLiteralSize)
        {
            throw Error($"a literal of {length} bytes exceeds the limit of {_limits.MaxLiteralSize} bytes");
        }

        _reader.IsNext((byte)'\r', advancePast: true);
        Expect((byte)'\n');
        if (_reader.Remaining < length)
        {
            throw Error("the response ended inside a literal");
        }

        var data = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return data;
    }

    public string ReadQuoted()
    {
        Expect((byte)'"');
        var unread = _reader.UnreadSpan;
        var stop = unread.IndexOfAny(QuotedSpecials);

        // The common case: no escapes, all in one segment, with what follows the closing quote in view.
        if (stop >= 0 && stop + 1 < unread.Length && unread[stop] == (byte)'"' && ClosesQuoted(unread[stop + 1]))
        {
            var body = unread[..stop];
            CheckQuotedBytes(body);
            var text = Encoding.UTF8.GetString(body);
            _reader.Advance(stop + 1);
            return text;
        }

        return ReadQuotedSlow();
    }

    /// <summary>
    /// Reads a short quoted string with no escapes into <paramref name="destination"/> (bytes widened as Latin-1)
    /// without allocating. False, with nothing consumed, when the next value is anything else.
    /// </summary>
    public bool TryReadShortQuoted(scoped Span<char> destination, out int written)
    {
        written = 0;
        var unread = _reader.UnreadSpan;
        if (unread.IsEmpty || unread[0] != (byte)'"')
        {
            return false;
        }

        var body = unread[1..];
        var stop = body.IndexOfAny(QuotedSpecials);
        if (stop < 0 || stop + 1 >= body.Length || body[stop] != (byte)'"' || !ClosesQuoted(body[stop + 1])
            || stop > destination.Length || body[..stop].ContainsAnyInRange((byte)0x80, (byte)0xff))
        {
            return false;
        }

        written = Encoding.Latin1.GetChars(body[..stop], destination);
        _reader.Advance(stop + 2);
        return true;
    }

    /// <summary>
    /// Reads a quoted string that spells one of the <see cref="CommonTokens"/> exactly, returning the shared instance
    /// (no allocation). False, with nothing consumed, for any other value.
    /// </summary>
    public bool TryReadCommonToken(out string token)
    {
        token = string.Empty;
        var unread = _reader.UnreadSpan;
        if (unread.Length < 3 || unread[0] != (byte)'"')
        {
            return false;
        }

        // A token holds no backslash or quote, so the first quote ends a match; anything else falls back to ReadQuoted.
        var body = unread[1..];
        var stop = body[..Math.Min(body.Length, CommonTokens.MaxLength + 1)].IndexOf((byte)'"');
        if (stop < 1 || stop + 1 >= body.Length || !ClosesQuoted(body[stop + 1]) || !CommonTokens.TryGet(body[..stop], out token))
        {
            return false;
        }

        _reader.Advance(stop + 2);
        return true;
    }

    private string ReadQuotedSlow()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        while (true)
        {
            if (!_reader.TryRead(out var b))
            {
                throw Error("the response ended inside a quoted string");
            }

            switch (b)
            {
                case (byte)'"':
                    if (ClosesQuoted())
                    {
                        CheckQuotedBytes(buffer.WrittenSpan);
                        return Encoding.UTF8.GetString(buffer.WrittenSpan);
                    }

                    Tolerate(ImapQuirks.UnescapedQuotes, "a double quote inside a quoted string without its backslash");
                    break;
                case (byte)'\\':
                    if (!_reader.TryRead(out b))
                    {
                        throw Error("the response ended inside a quoted string");
                    }

                    break;
                case (byte)'\r' or (byte)'\n':
                    throw Error("a quoted string runs into the end of the line");
            }

            buffer.GetSpan(1)[0] = b;
            buffer.Advance(1);
        }
    }

    /// <summary>
    /// Whether the quote just consumed ends the string. In the grammar a quoted string is followed by a space, a
    /// parenthesis, a bracket or the line's end; a quote followed by anything else is one the server did not escape.
    /// </summary>
    private readonly bool ClosesQuoted() => !_reader.TryPeek(out var next) || ClosesQuoted(next);

    private static bool ClosesQuoted(byte next) =>
        next is (byte)' ' or (byte)'(' or (byte)')' or (byte)'[' or (byte)']' or (byte)'\r' or (byte)'\n';

    /// <summary>RFC 3501 quoted strings are 7-bit; the bytes of an 8-bit one are decoded as UTF-8 when tolerated.</summary>
    private readonly void CheckQuotedBytes(ReadOnlySpan<byte> body)
    {
        if (!Tolerates(ImapQuirks.EightBitQuotedStrings) && body.ContainsAnyInRange((byte)0x80, (byte)0xff))
        {
            Tolerate(ImapQuirks.EightBitQuotedStrings, "an 8-bit byte in a quoted string");
        }
    }

    /// <summary>
    /// Whether a <c>[</c> here opens a response code: an atom right after it, then a space or <c>]</c>, and a <c>]</c>
    /// further on. Nothing is consumed.
    /// </summary>
    public readonly bool NextLooksLikeResponseCode()
    {
        var probe = _reader;
        if (!probe.IsNext((byte)'[', advancePast: true))
        {
            return false;
        }

        var atomLength = 0;
        byte next;
        while (probe.TryPeek(out next) && !AtomDelimiters.Contains(next) && next >= 0x20)
        {
            probe.Advance(1);
            atomLength++;
        }

        if (atomLength == 0 || !probe.TryPeek(out next) || next is not ((byte)']' or (byte)' '))
        {
            return false;
        }

        // The code may hold a literal (BADCHARSET), so its ']' is looked for in the whole response, not just this line.
        return probe.TryAdvanceTo((byte)']', advancePastDelimiter: false);
    }

    /// <summary>Reads the rest of the line as text (for resp-text), not consuming the CRLF.</summary>
    public string ReadTextToLineEnd()
    {
        var unread = _reader.UnreadSpan;
        var end = unread.IndexOfAny((byte)'\r', (byte)'\n');
        if (end >= 0)
        {
            var text = Encoding.UTF8.GetString(unread[..end]);
            _reader.Advance(end);
            return text;
        }

        var start = _reader.Position;
        if (!_reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
        {
            _reader.AdvanceToEnd();
        }

        return Encoding.UTF8.GetString(_reader.Sequence.Slice(start, _reader.Position));
    }

    /// <summary>Reads everything left but the final CRLF, literals included, as text (for responses we do not interpret).</summary>
    public string ReadRemainingText()
    {
        var rest = _reader.UnreadSequence;
        var length = rest.Length;
        if (length > 0 && rest.Slice(length - 1).FirstSpan[0] == (byte)'\n')
        {
            length--;
            if (length > 0 && rest.Slice(length - 1).FirstSpan[0] == (byte)'\r')
            {
                length--;
            }
        }

        _reader.Advance(length);
        return Encoding.UTF8.GetString(rest.Slice(0, length));
    }

    /// <summary>Reads the bytes up to (not including) <paramref name="delimiter"/> on this line.</summary>
    public ReadOnlySequence<byte> ReadUntil(byte delimiter)
    {
        var start = _reader.Position;
        while (_reader.TryPeek(out var b))
        {
            if (b == delimiter)
            {
                return _reader.Sequence.Slice(start, _reader.Position);
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                break;
            }

            _reader.Advance(1);
        }

        throw Error($"expected '{(char)delimiter}' before the end of the line");
    }

    /// <summary>
    /// Reads a section spec up to (not including) its closing <c>]</c>. Header field names are astrings: a quoted one
    /// may hold a <c>]</c>, and a literal one spans a line break, so both are stepped over whole. Only a token can
    /// start with a literal: inside a name (<c>X~Y</c>) a <c>~</c> or <c>{</c> is text.
    /// </summary>
    public ReadOnlySequence<byte> ReadSectionSpec()
    {
        var start = _reader.Position;
        var tokenStart = true;
        while (true)
        {
            var next = Peek();
            switch (next)
            {
                case (byte)']':
                    return _reader.Sequence.Slice(start, _reader.Position);
                case (byte)'"':
                    SkipQuoted();
                    tokenStart = false;
                    break;
                case (byte)'{' or (byte)'~' when tokenStart && (next == (byte)'{' || _reader.IsNext("~{"u8)):
                    ReadLiteral();
                    tokenStart = false;
                    break;
                case (byte)'\r' or (byte)'\n':
                    throw Error("expected ']' before the end of the line");
                default:
                    _reader.Advance(1);
                    tokenStart = next is (byte)' ' or (byte)'\t' or (byte)'(';
                    break;
            }
        }
    }

    /// <summary>Skips one value of any shape: NIL, atom, number, string, literal or a nested list.</summary>
    public void SkipValue(int depth = 0)
    {
        var b = Peek();
        switch (b)
        {
            case (byte)'(':
                SkipList(depth);
                return;
            case (byte)'"':
                SkipQuoted();
                return;
            case (byte)'{' or (byte)'~':
                ReadLiteral();
                return;
            case (byte)'[':
                Advance(1);
                ReadUntil((byte)']');
                Advance(1);
                return;
            default:
                ReadAtom();
                if (IsNext((byte)'['))
                {
                    SkipValue(depth);
                }

                return;
        }
    }

    /// <summary>
    /// Skips one value and returns its bytes exactly as sent (literal announcements included), so it can be parsed
    /// later, by the same reader, over those bytes alone.
    /// </summary>
    public ReadOnlySequence<byte> ReadRawValue()
    {
        var start = _reader.Position;
        SkipValue();
        return _reader.Sequence.Slice(start, _reader.Position);
    }

    /// <summary>Where the reader stands, for <see cref="Since"/>.</summary>
    public readonly SequencePosition Position => _reader.Position;

    /// <summary>The bytes read since <paramref name="start"/> (a <see cref="Position"/> of this reader).</summary>
    public readonly ReadOnlySequence<byte> Since(SequencePosition start) => _reader.Sequence.Slice(start, _reader.Position);

    /// <summary>Skips a quoted string by the same rules <see cref="ReadQuoted"/> reads it, so both frame it alike.</summary>
    private void SkipQuoted()
    {
        Expect((byte)'"');
        while (true)
        {
            var unread = _reader.UnreadSpan;
            var stop = unread.IndexOfAny(QuotedSpecials);
            if (stop < 0)
            {
                if (_reader.End || unread.IsEmpty)
                {
                    throw Error("the response ended inside a quoted string");
                }

                _reader.Advance(unread.Length);
                continue;
            }

            _reader.Advance(stop + 1);
            switch (unread[stop])
            {
                case (byte)'"':
                    if (ClosesQuoted())
                    {
                        return;
                    }

                    Tolerate(ImapQuirks.UnescapedQuotes, "a double quote inside a quoted string without its backslash");
                    break;
                case (byte)'\\':
                    if (!_reader.TryRead(out _))
                    {
                        throw Error("the response ended inside a quoted string");
                    }

                    break;
                default:
                    throw Error("a quoted string runs into the end of the line");
            }
        }
    }

    private void SkipList(int depth)
    {
        EnterNested(depth);
        Expect((byte)'(');
        while (true)
        {
            // Any spacing: values skipped here are either not interpreted or parsed later, strictly, from their bytes.
            SkipAnySpaces();
            if (TryConsume((byte)')'))
            {
                return;
            }

            SkipValue(depth + 1);
        }
    }

    public readonly void EnterNested(int depth)
    {
        if (depth >= _limits.MaxNestingDepth)
        {
            throw Error($"nesting deeper than the limit of {_limits.MaxNestingDepth}");
        }
    }

    public void Advance(long count) => _reader.Advance(count);

    public readonly ImapProtocolException Error(string what)
    {
        var seq = _reader.Sequence;
        var from = Math.Max(0, _reader.Consumed - 40);
        var snippet = seq.Slice(from, Math.Min(80, seq.Length - from));
        return new ImapProtocolException(
            $"Unexpected server response: {what} at offset {_reader.Consumed}, near \"{Printable(snippet.ToArray())}\".");
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            sb.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                < 0x20 or >= 0x7f => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }

        return sb.ToString();
    }
}
