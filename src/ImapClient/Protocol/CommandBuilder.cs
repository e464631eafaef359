using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// Encodes one command (everything after the tag) into bytes. Strings become atoms, quoted strings or literals as
/// their content requires, so a caller's CR or LF can never end the command early. A synchronizing literal splits the
/// command into parts: the writer must wait for the server's <c>+</c> before sending the next part.
/// </summary>
internal sealed class CommandBuilder
{
    private static readonly SearchValues<byte> NotAtomChars = SearchValues.Create(NotAtomBytes());
    private static readonly SearchValues<byte> NotListChars = SearchValues.Create(NotAtomBytes().Where(b => b is not ((byte)'%' or (byte)'*' or (byte)']')).ToArray());
    private const int InitialSize = 128;

    // Where the bytes go: the builder's own array, or memory lent by the connection's pipe (see WriteInto). The
    // command's bytes are _buffer[_start.._start + _count], with room up to _limit.
    private byte[] _owned = new byte[InitialSize];
    private byte[] _buffer;
    private int _start;
    private int _count;
    private int _limit;
    private readonly List<int> _continuationPoints = [];
    private readonly List<(int Start, int End)> _secrets = [];
    private readonly List<StreamedLiteralPart> _streamedLiterals = [];

    public CommandBuilder(bool literalPlus, bool literalMinus)
    {
        LiteralPlus = literalPlus;
        LiteralMinus = literalMinus;
        _buffer = _owned;
        _limit = _owned.Length;
    }

    public bool LiteralPlus { get; private set; }

    public bool LiteralMinus { get; private set; }

    /// <summary>
    /// True once the server accepts UTF-8 in quoted strings (ENABLE UTF8=ACCEPT, RFC 6855, or IMAP4rev2): non-ASCII
    /// text then goes quoted instead of as a literal, which without LITERAL+ would cost a round trip.
    /// </summary>
    public bool Utf8Quoted { get; set; }

    /// <summary>Empties the builder for the next command, keeping its buffers.</summary>
    public void Reset(bool literalPlus, bool literalMinus)
    {
        LiteralPlus = literalPlus;
        LiteralMinus = literalMinus;
        Utf8Quoted = false;
        if (_owned.Length > 64 * 1024)
        {
            // One big command (a long inline literal) must not keep its buffer for the life of the connection.
            _owned = new byte[InitialSize];
        }

        // Lent pipe memory is never kept past the command it was lent for.
        _buffer = _owned;
        _start = 0;
        _count = 0;
        _limit = _owned.Length;

        _continuationPoints.Clear();
        _secrets.Clear();
        _streamedLiterals.Clear();
    }

    /// <summary>The encoded bytes, CRLF included once <see cref="EndLine"/> was called.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(_start, _count);

    /// <summary>
    /// True while the bytes are still in the memory given to <see cref="WriteInto"/>: the writer then only commits
    /// them (<see cref="System.IO.Pipelines.PipeWriter.Advance"/>), with no copy. False once they did not fit, or
    /// once the command needs a continuation or a streamed literal (the writer must stop part way there).
    /// </summary>
    public bool InPlace => !ReferenceEquals(_buffer, _owned);

    /// <summary>
    /// Encodes the next bytes into <paramref name="memory"/> (the free space of the connection's pipe, after the
    /// tag) instead of the builder's own buffer, as long as they fit. Nothing there counts as written until the
    /// writer advances the pipe, so a command that fails to encode leaves nothing behind. Memory that is not an
    /// array is not used.
    /// </summary>
    public void WriteInto(Memory<byte> memory)
    {
        if (_count == 0 && MemoryMarshal.TryGetArray<byte>(memory, out var segment) && segment.Array is { } array)
        {
            _buffer = array;
            _start = segment.Offset;
            _limit = segment.Offset + segment.Count;
        }
    }

    /// <summary>Moves the bytes written so far out of lent memory into the builder's own buffer.</summary>
    public void Spill() => Grow(0);

    /// <summary>Offsets into <see cref="Written"/> after which the writer must wait for a continuation.</summary>
    public IReadOnlyList<int> ContinuationPoints => _continuationPoints;

    /// <summary>Literals whose bytes are streamed at their offset in <see cref="Written"/> when the command is sent.</summary>
    public IReadOnlyList<StreamedLiteralPart> StreamedLiterals => _streamedLiterals;

    /// <summary>Byte ranges of <see cref="Written"/> that hold secrets, for the protocol log to redact.</summary>
    public IReadOnlyList<(int Start, int End)> Secrets => _secrets;

    /// <summary>Writes what <paramref name="write"/> writes and marks it secret (redacted in the protocol log).</summary>
    public CommandBuilder Secret(Action<CommandBuilder> write)
    {
        var start = _count;
        write(this);
        _secrets.Add((start, _count));
        return this;
    }

    /// <summary>The command as text with every secret range replaced by <c>***</c>.</summary>
    public string ToRedactedString()
    {
        var bytes = Written.Span;
        var sb = new StringBuilder(bytes.Length);
        var at = 0;
        foreach (var (start, end) in _secrets)
        {
            sb.Append(Encoding.UTF8.GetString(bytes[at..start])).Append("***");
            at = end;
        }

        return sb.Append(Encoding.UTF8.GetString(bytes[at..])).ToString();
    }

    public CommandBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _count += bytes.Length;
        return this;
    }

    /// <summary>Writes ASCII text the caller guarantees is protocol-safe (command names, section specs, keywords).</summary>
    public CommandBuilder Raw(string ascii)
    {
        var n = Encoding.ASCII.GetBytes(ascii, GetSpan(ascii.Length));
        _count += n;
        return this;
    }

    public CommandBuilder Space() => Raw(" "u8);

    public CommandBuilder Number(ulong value)
    {
        Utf8Formatter.TryFormat(value, GetSpan(20), out var n);
        _count += n;
        return this;
    }

    /// <summary>Writes a sequence set (<c>1:5,7,10:*</c>) straight as bytes.</summary>
    public CommandBuilder Set(SequenceSet set)
    {
        set.TryFormat(GetSpan(set.FormattedLength), out var n, provider: CultureInfo.InvariantCulture);
        _count += n;
        return this;
    }

    /// <summary>Writes a date as IMAP's date-text: <c>01-Feb-1994</c>, month names always in English.</summary>
    public CommandBuilder Date(DateOnly date) => Date(date.Day, date.Month, date.Year);

    /// <summary>Writes a quoted date-time: <c>"17-Jul-1996 02:44:25 -0700"</c>, month names always in English.</summary>
    public CommandBuilder DateTime(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? "-"u8 : "+"u8;
        offset = offset.Duration();
        return Raw("\""u8).Date(value.Day, value.Month, value.Year).Space()
            .Digits(value.Hour, 2).Raw(":"u8).Digits(value.Minute, 2).Raw(":"u8).Digits(value.Second, 2).Space()
            .Raw(sign).Digits(offset.Hours, 2).Digits(offset.Minutes, 2).Raw("\""u8);
    }

    private CommandBuilder Date(int day, int month, int year) =>
        Digits(day, 2).Raw("-"u8).Raw(MonthNames.Slice((month - 1) * 3, 3)).Raw("-"u8).Digits(year, 4);

    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>A non-negative number with at least <paramref name="digits"/> digits (zero-padded).</summary>
    private CommandBuilder Digits(int value, byte digits)
    {
        Utf8Formatter.TryFormat(value, GetSpan(11), out var n, new StandardFormat('D', digits));
        _count += n;
        return this;
    }

    /// <summary>Writes an astring: an atom when safe, else a quoted string, else a literal.</summary>
    public CommandBuilder AString(string value) => AtomOrString(value, NotAtomChars);

    /// <summary>
    /// Writes a LIST pattern (list-mailbox): bare when it holds only atom characters and the wildcards <c>%</c>,
    /// <c>*</c> (and <c>]</c>), as in <c>LIST "" *</c>; otherwise a quoted string or a literal.
    /// </summary>
    public CommandBuilder ListMailbox(string pattern) => AtomOrString(pattern, NotListChars);

    /// <summary>Writes text as a string (quoted when it can be, else a literal), never as an atom.</summary>
    public CommandBuilder String(string value) => AtomOrString(value, notAllowed: null);

    private CommandBuilder AtomOrString(string value, SearchValues<byte>? notAllowed)
    {
        // The UTF-8 goes where the command is built; moved into place when it is a bare atom, else encoded as a string.
        var length = Encoding.UTF8.GetByteCount(value);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        Encoding.UTF8.GetBytes(value, bytes);
        if (notAllowed is not null && bytes.Length > 0 && bytes.IndexOfAny(notAllowed) < 0)
        {
            Raw(bytes);
        }
        else
        {
            String(bytes);
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return this;
    }

    /// <summary>Writes a string: quoted when it can be, else a literal.</summary>
    public CommandBuilder String(ReadOnlySpan<byte> value)
    {
        if (CanQuote(value))
        {
            Raw("\""u8);
            foreach (var b in value)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    Raw("\\"u8);
                }

                GetSpan(1)[0] = b;
                _count++;
            }

            return Raw("\""u8);
        }

        return Literal(value);
    }

    /// <summary>Writes <c>{n}</c> CRLF and the bytes; non-synchronizing (<c>{n+}</c>) where the server allows it.</summary>
    /// <exception cref="ArgumentException">The value contains NUL, which a literal cannot carry (RFC 3501 CHAR8).</exception>
    public CommandBuilder Literal(ReadOnlySpan<byte> value)
    {
        // The public methods refuse NUL with their parameter's name; this is the last line, never reached by them.
        if (value.Contains((byte)0))
        {
            throw new ArgumentException("A string sent to the server contains NUL, which IMAP cannot carry.", nameof(value));
        }

        var nonSynchronizing = LiteralPlus || (LiteralMinus && value.Length <= 4096);
        Raw("{"u8).Number((ulong)value.Length).Raw(nonSynchronizing ? "+}\r\n"u8 : "}\r\n"u8);
        if (!nonSynchronizing)
        {
            // The writer stops here for the server's "+": the bytes cannot wait in lent pipe memory across that.
            Spill();
            _continuationPoints.Add(_count);
        }

        return Raw(value);
    }

    public CommandBuilder EndLine() => Raw("\r\n"u8);

    /// <summary>Writes <c>(\Seen $Keyword …)</c>; <c>\Recent</c> is left out (only the server sets it).</summary>
    public CommandBuilder FlagList(MessageFlags flags)
    {
        Raw("("u8);
        var first = true;
        foreach (var flag in SystemFlagNames.Sendable)
        {
            if (flags.Contains(flag))
            {
                if (!first)
                {
                    Space();
                }

                Raw(SystemFlagNames.Utf8(flag));
                first = false;
            }
        }

        var keywords = flags.Keywords;
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            if (!FlagSyntax.IsValidFlag(keyword))
            {
                throw new ArgumentException($"\"{keyword}\" is not a valid IMAP keyword (an atom without spaces or specials).", nameof(flags));
            }

            if (!first)
            {
                Space();
            }

            Raw(keyword);
            first = false;
        }

        return Raw(")"u8);
    }

    /// <summary>
    /// Writes a literal whose bytes come from <paramref name="write"/> when the command is sent, so a message of any
    /// size goes straight from its source to the connection. The writer must produce exactly <paramref name="length"/> bytes.
    /// </summary>
    public CommandBuilder StreamedLiteral(long length, Func<Stream, CancellationToken, Task> write)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var nonSynchronizing = LiteralPlus || (LiteralMinus && length <= 4096);
        Raw("{"u8).Number((ulong)length).Raw(nonSynchronizing ? "+}\r\n"u8 : "}\r\n"u8);
        Spill();
        if (!nonSynchronizing)
        {
            _continuationPoints.Add(_count);
        }

        _streamedLiterals.Add(new StreamedLiteralPart(_count, length, write));
        return this;
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes.</summary>
    private Span<byte> GetSpan(int size)
    {
        if (_limit - _start - _count < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_start + _count, _limit - _start - _count);
    }

    /// <summary>Continues in the builder's own buffer, with room for <paramref name="size"/> more bytes.</summary>
    private void Grow(int size)
    {
        var needed = _count + size;
        if (!InPlace && needed <= _owned.Length)
        {
            return;
        }

        var owned = _owned.Length >= needed ? _owned : new byte[Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * _owned.Length))];
        _buffer.AsSpan(_start, _count).CopyTo(owned);
        _owned = owned;
        _buffer = owned;
        _start = 0;
        _limit = owned.Length;
    }

    private bool CanQuote(ReadOnlySpan<byte> value)
    {
        // Quoted strings may not hold CR, LF, NUL or (in IMAP4rev1) 8-bit bytes; long values read better as literals.
        if (value.Length > 1024)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is 0 or (byte)'\r' or (byte)'\n' || (b >= 0x80 && !Utf8Quoted))
            {
                return false;
            }
        }

        // Only well-formed UTF-8 may be quoted; anything else stays a literal, which carries any byte but NUL.
        return !Utf8Quoted || System.Text.Unicode.Utf8.IsValid(value);
    }

    private static byte[] NotAtomBytes()
    {
        // atom-specials: ( ) { SP CTL % * " \ ] and everything outside 7-bit ASCII.
        var list = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            if (b <= 0x20 || b >= 0x7f || "(){%*\"\\]".Contains((char)b, StringComparison.Ordinal))
            {
                list.Add((byte)b);
            }
        }

        return [.. list];
    }
}

/// <summary>A literal streamed from its source when the command is written.</summary>
/// <param name="Offset">Where in the command's bytes the literal's data belongs (after its <c>{n}</c> CRLF).</param>
/// <param name="Length">The number of bytes announced.</param>
/// <param name="Write">Writes the bytes into the connection.</param>
internal sealed record StreamedLiteralPart(int Offset, long Length, Func<Stream, CancellationToken, Task> Write);
