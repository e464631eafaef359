using System.Buffers;
using System.Buffers.Text;
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
    private ArrayBufferWriter<byte> _buffer = new(128);
    private readonly List<int> _continuationPoints = [];
    private readonly List<(int Start, int End)> _secrets = [];
    private readonly List<StreamedLiteralPart> _streamedLiterals = [];

    public CommandBuilder(bool literalPlus, bool literalMinus)
    {
        LiteralPlus = literalPlus;
        LiteralMinus = literalMinus;
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
        if (_buffer.Capacity > 64 * 1024)
        {
            // One big command (a long inline literal) must not keep its buffer for the life of the connection.
            _buffer = new ArrayBufferWriter<byte>(128);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }

        _continuationPoints.Clear();
        _secrets.Clear();
        _streamedLiterals.Clear();
    }

    /// <summary>The encoded bytes, CRLF included once <see cref="EndLine"/> was called.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    /// <summary>Offsets into <see cref="Written"/> after which the writer must wait for a continuation.</summary>
    public IReadOnlyList<int> ContinuationPoints => _continuationPoints;

    /// <summary>Literals whose bytes are streamed at their offset in <see cref="Written"/> when the command is sent.</summary>
    public IReadOnlyList<StreamedLiteralPart> StreamedLiterals => _streamedLiterals;

    /// <summary>Byte ranges of <see cref="Written"/> that hold secrets, for the protocol log to redact.</summary>
    public IReadOnlyList<(int Start, int End)> Secrets => _secrets;

    /// <summary>Writes what <paramref name="write"/> writes and marks it secret (redacted in the protocol log).</summary>
    public CommandBuilder Secret(Action<CommandBuilder> write)
    {
        var start = _buffer.WrittenCount;
        write(this);
        _secrets.Add((start, _buffer.WrittenCount));
        return this;
    }

    /// <summary>The command as text with every secret range replaced by <c>***</c>.</summary>
    public string ToRedactedString()
    {
        var bytes = _buffer.WrittenSpan;
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
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Writes ASCII text the caller guarantees is protocol-safe (keywords, sequence sets, flags).</summary>
    public CommandBuilder Raw(string ascii)
    {
        var span = _buffer.GetSpan(ascii.Length);
        var n = Encoding.ASCII.GetBytes(ascii, span);
        _buffer.Advance(n);
        return this;
    }

    public CommandBuilder Space() => Raw(" "u8);

    public CommandBuilder Number(ulong value)
    {
        var span = _buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var n);
        _buffer.Advance(n);
        return this;
    }

    /// <summary>Writes an astring: an atom when safe, else a quoted string, else a literal.</summary>
    public CommandBuilder AString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > 0 && bytes.AsSpan().IndexOfAny(NotAtomChars) < 0)
        {
            return Raw(bytes);
        }

        return String(bytes);
    }

    /// <summary>
    /// Writes a LIST pattern (list-mailbox): bare when it holds only atom characters and the wildcards <c>%</c>,
    /// <c>*</c> (and <c>]</c>), as in <c>LIST "" *</c>; otherwise a quoted string or a literal.
    /// </summary>
    public CommandBuilder ListMailbox(string pattern)
    {
        var bytes = Encoding.UTF8.GetBytes(pattern);
        if (bytes.Length > 0 && bytes.AsSpan().IndexOfAny(NotListChars) < 0)
        {
            return Raw(bytes);
        }

        return String(bytes);
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

                _buffer.GetSpan(1)[0] = b;
                _buffer.Advance(1);
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
            _continuationPoints.Add(_buffer.WrittenCount);
        }

        return Raw(value);
    }

    public CommandBuilder EndLine() => Raw("\r\n"u8);

    /// <summary>Writes <c>(\Seen $Keyword …)</c>; <c>\Recent</c> is left out (only the server sets it).</summary>
    public CommandBuilder FlagList(MessageFlags flags)
    {
        Raw("("u8);
        var first = true;
        foreach (var (flag, name) in SystemFlagNames.All)
        {
            if (flag != SystemFlags.Recent && flags.Contains(flag))
            {
                Raw(first ? "" : " ").Raw(name);
                first = false;
            }
        }

        foreach (var keyword in flags.Keywords)
        {
            if (!IsValidFlag(keyword))
            {
                throw new ArgumentException($"\"{keyword}\" is not a valid IMAP keyword (an atom without spaces or specials).", nameof(flags));
            }

            Raw(first ? "" : " ").Raw(keyword);
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
        if (!nonSynchronizing)
        {
            _continuationPoints.Add(_buffer.WrittenCount);
        }

        _streamedLiterals.Add(new StreamedLiteralPart(_buffer.WrittenCount, length, write));
        return this;
    }

    /// <summary>
    /// A flag a client may send besides the system flags: a keyword, or an extension flag <c>\atom</c> (RFC 3501
    /// flag-extension), which servers report among the keywords and a client must be able to store back. Never
    /// <c>\*</c>, and never <c>\Recent</c>, which only the server sets.
    /// </summary>
    public static bool IsValidFlag(string flag) =>
        IsValidKeyword(flag)
        || (flag.Length > 1 && flag[0] == '\\' && IsValidKeyword(flag[1..]) && !string.Equals(flag, "\\Recent", StringComparison.OrdinalIgnoreCase));

    /// <summary>A keyword (flag-keyword) is a non-empty atom of 7-bit ASCII: no spaces, controls or specials.</summary>
    public static bool IsValidKeyword(string keyword) =>
        keyword.Length > 0 && keyword.AsSpan().IndexOfAny(NotKeywordChars) < 0 && Ascii.IsValid(keyword);

    private static readonly SearchValues<char> NotKeywordChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        " ()\\{%*\"]\u007f");

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
