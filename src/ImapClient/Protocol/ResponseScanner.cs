using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// Finds where one complete response ends: its line, every <c>{n}</c> / <c>{n+}</c> / <c>~{n}</c> literal and the
/// lines after them. Resumable: it remembers how far it got, so a large response arriving in many reads is examined
/// once, not from its start each time. The caller must hand it the same buffer start until a response is found.
/// </summary>
internal sealed class ResponseScanner
{
    private readonly ImapLimits _limits;
    private long _scanned;
    private long _lineStart;
    private long _literalRemaining;

    public ResponseScanner(ImapLimits limits) => _limits = limits;

    /// <summary>Bytes of the current, incomplete response examined so far.</summary>
    public long Examined => _scanned;

    /// <summary>Forgets a partly scanned response (its bytes were discarded).</summary>
    public void Reset()
    {
        _scanned = 0;
        _lineStart = 0;
        _literalRemaining = 0;
    }

    /// <summary>Returns true with the length of the first complete response in <paramref name="buffer"/>.</summary>
    public bool TryFindResponse(in ReadOnlySequence<byte> buffer, out long length) =>
        Scan(buffer, stopAtLiterals: false, out length, out _) == ScanResult.Complete;

    /// <summary>
    /// Finds the end of the first complete response. With <paramref name="stopAtLiterals"/>, it also stops at each
    /// literal's announcement, giving the length up to the literal's first data byte and the literal's size: the
    /// caller may then stream the literal (and <see cref="Reset"/> after it) or call again to keep buffering.
    /// </summary>
    public ScanResult Scan(in ReadOnlySequence<byte> buffer, bool stopAtLiterals, out long length, out long literalLength)
    {
        literalLength = -1;
        if (_scanned == 0 && TryFindPlainLine(buffer.FirstSpan, out length))
        {
            return ScanResult.Complete;
        }

        // The caller was offered a literal to stream and chose to keep buffering it: now the in-memory cap applies.
        if (_literalRemaining > _limits.MaxLiteralSize && _scanned == _lineStart)
        {
            throw new ImapProtocolException(
                $"The server announced a literal of {_literalRemaining} bytes, over the limit of {_limits.MaxLiteralSize} bytes for data held in memory (ImapConnectionOptions.MaxLiteralSize); fetch large bodies with FetchStreamAsync, GetMessageAsync or DownloadAsync.");
        }

        while (true)
        {
            if (_literalRemaining > 0)
            {
                var available = buffer.Length - _scanned;
                if (available < _literalRemaining)
                {
                    _literalRemaining -= available;
                    _scanned = buffer.Length;
                    length = 0;
                    return ScanResult.NeedMore;
                }

                _scanned += _literalRemaining;
                _literalRemaining = 0;
                _lineStart = _scanned;
            }

            var rest = buffer.Slice(_scanned);
            var lf = rest.PositionOf((byte)'\n');
            if (lf is null)
            {
                _scanned = buffer.Length;
                CheckLineLength(buffer, _scanned - _lineStart);
                length = 0;
                return ScanResult.NeedMore;
            }

            var lineEnd = _scanned + rest.Slice(0, lf.Value).Length;
            CheckLineLength(buffer, lineEnd - _lineStart);
            if (!(_lineStart == 0 && IsStatusOrContinuationLine(buffer, lineEnd)) && TryGetLiteralLength(buffer, _lineStart, lineEnd, out var literal))
            {
                if (literal > _limits.MaxLiteralSize && !stopAtLiterals)
                {
                    throw new ImapProtocolException(
                        $"The server announced a literal of {literal} bytes, over the limit of {_limits.MaxLiteralSize} bytes for data held in memory (ImapConnectionOptions.MaxLiteralSize); fetch large bodies with FetchStreamAsync, GetMessageAsync or DownloadAsync.");
                }

                _scanned = lineEnd + 1;
                _lineStart = _scanned;
                _literalRemaining = literal;
                if (stopAtLiterals)
                {
                    length = _scanned;
                    literalLength = literal;
                    return ScanResult.LiteralAhead;
                }

                continue;
            }

            length = lineEnd + 1;
            _scanned = 0;
            _lineStart = 0;
            return ScanResult.Complete;
        }
    }

    /// <summary>
    /// Most responses are one line that announces no literal, whole in the buffer's first segment: one search of that
    /// span finds them, without slicing the sequence. Anything else (a line that ends in <c>}</c>, runs past the
    /// segment or over the limit) is left to the general scan.
    /// </summary>
    private bool TryFindPlainLine(ReadOnlySpan<byte> span, out long length)
    {
        var lf = span.IndexOf((byte)'\n');
        length = lf + 1;
        if (lf < 0 || lf > _limits.MaxLineLength)
        {
            return false;
        }

        var last = lf > 0 && span[lf - 1] == (byte)'\r' ? lf - 2 : lf - 1;
        return last < 0 || span[last] != (byte)'}';
    }

    private void CheckLineLength(in ReadOnlySequence<byte> buffer, long lineLength)
    {
        if (lineLength <= _limits.MaxLineLength)
        {
            return;
        }

        var result = _lineStart == 0 && IsResultLine(buffer);
        if (!result || lineLength > _limits.MaxResultLineLength)
        {
            throw new ImapProtocolException(result
                ? $"A SEARCH, SORT or THREAD result line exceeds the limit of {_limits.MaxResultLineLength} bytes."
                : $"A response line exceeds the limit of {_limits.MaxLineLength} bytes.");
        }
    }

    /// <summary>
    /// <c>* SEARCH</c>, <c>* SORT</c>, <c>* THREAD</c> or <c>* ESEARCH</c>: one number per matching message, so its
    /// length grows with the mailbox. Only looked at once a line is already over the ordinary limit.
    /// </summary>
    private static bool IsResultLine(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[10];
        var count = (int)Math.Min(head.Length, buffer.Length);
        buffer.Slice(0, count).CopyTo(head);
        head = head[..count];
        if (!head.StartsWith("* "u8))
        {
            return false;
        }

        var rest = head[2..];
        foreach (var keyword in (ReadOnlySpan<string>)["SEARCH", "SORT", "THREAD", "ESEARCH"])
        {
            if (rest.Length > keyword.Length && Ascii.EqualsIgnoreCase(rest[..keyword.Length], keyword)
                && rest[keyword.Length] is (byte)' ' or (byte)'\r' or (byte)'\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A status response (<c>tag|* OK|NO|BAD|BYE|PREAUTH …</c>) or a continuation (<c>+ …</c>) carries no literal:
    /// its text is free-form and servers echo names like <c>x{2}</c> in it, which must not be read as a literal.
    /// </summary>
    private static bool IsStatusOrContinuationLine(in ReadOnlySequence<byte> buffer, long lineEnd)
    {
        Span<byte> head = stackalloc byte[48];
        var count = (int)Math.Min(head.Length, lineEnd);
        buffer.Slice(0, count).CopyTo(head);
        head = head[..count];
        if (head.Length > 0 && head[0] == (byte)'+')
        {
            return true;
        }

        var space = head.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;
        }

        var rest = head[(space + 1)..];
        foreach (var keyword in (ReadOnlySpan<string>)["OK", "NO", "BAD", "BYE", "PREAUTH"])
        {
            if (rest.Length > keyword.Length && Ascii.EqualsIgnoreCase(rest[..keyword.Length], keyword)
                && rest[keyword.Length] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'[')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Recognises a line that ends in <c>{digits}</c> or <c>{digits+}</c> (before the CRLF).</summary>
    private static bool TryGetLiteralLength(in ReadOnlySequence<byte> buffer, long lineStart, long lineEnd, out long length)
    {
        length = 0;
        const int MaxTail = 24;
        var tailStart = Math.Max(lineStart, lineEnd - MaxTail);
        Span<byte> tail = stackalloc byte[MaxTail];
        var count = (int)(lineEnd - tailStart);
        buffer.Slice(tailStart, count).CopyTo(tail);
        var t = tail[..count];
        if (t.Length > 0 && t[^1] == (byte)'\r')
        {
            t = t[..^1];
        }

        if (t.Length < 3 || t[^1] != (byte)'}')
        {
            return false;
        }

        t = t[..^1];
        if (t[^1] == (byte)'+')
        {
            t = t[..^1];
        }

        var open = t.LastIndexOf((byte)'{');
        if (open < 0 || open == t.Length - 1)
        {
            return false;
        }

        var digits = t[(open + 1)..];
        return Utf8Parser.TryParse(digits, out length, out var used) && used == digits.Length && length >= 0;
    }
}

/// <summary>What <see cref="ResponseScanner.Scan"/> found.</summary>
internal enum ScanResult
{
    /// <summary>The buffer ends inside a response.</summary>
    NeedMore,

    /// <summary>A whole response.</summary>
    Complete,

    /// <summary>A literal is announced; its data starts at the returned length.</summary>
    LiteralAhead,
}
