using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ImapClient;

/// <summary>
/// A set of message sequence numbers or UIDs, as IMAP writes it: <c>1:5,7,10:*</c>. Immutable; <c>*</c> (the last
/// message) is represented by <see cref="uint.MaxValue"/>. The set may be empty (<see cref="Empty"/>, or
/// <see cref="Of"/> given no numbers, such as an empty search result): a command given an empty set has nothing to act
/// on, so it completes at once with an empty result and sends nothing.
/// </summary>
public sealed class SequenceSet : IUtf8SpanFormattable
{
    private readonly (uint Start, uint End)[] _ranges;

    private SequenceSet((uint Start, uint End)[] ranges) => _ranges = ranges;

    /// <summary>Every message: <c>1:*</c>.</summary>
    public static SequenceSet All { get; } = new([(1, uint.MaxValue)]);

    /// <summary>The set of no numbers. IMAP cannot write it; commands given it complete at once, unsent, with an empty result.</summary>
    public static SequenceSet Empty { get; } = new([]);

    /// <summary>True when the set holds no number.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>The ranges, each with <c>Start &lt;= End</c>.</summary>
    public IReadOnlyList<(uint Start, uint End)> Ranges => _ranges;

    /// <summary>A set of one number.</summary>
    /// <param name="number">A sequence number or UID (1 or more).</param>
    /// <returns>The set.</returns>
    [SuppressMessage("Naming", "CA1720", Justification = "Public API: a set of a single number; Single the type is never meant, and the name reads as the English word.")]
    public static SequenceSet Single(uint number) => Range(number, number);

    /// <summary>A range of numbers; <paramref name="end"/> may be <see cref="uint.MaxValue"/> for <c>*</c>.</summary>
    /// <param name="start">The first number (1 or more).</param>
    /// <param name="end">The last number.</param>
    /// <returns>The set.</returns>
    public static SequenceSet Range(uint start, uint end)
    {
        ArgumentOutOfRangeException.ThrowIfZero(start);
        ArgumentOutOfRangeException.ThrowIfZero(end);
        return new([(Math.Min(start, end), Math.Max(start, end))]);
    }

    /// <summary>A set of the given numbers; <see cref="Empty"/> when there are none (an empty search result).</summary>
    /// <param name="numbers">Sequence numbers or UIDs (1 or more each).</param>
    /// <returns>The set, with adjacent numbers joined into ranges.</returns>
    public static SequenceSet Of(IEnumerable<uint> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var sorted = numbers.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        ArgumentOutOfRangeException.ThrowIfZero(sorted[0], nameof(numbers));
        var ranges = new List<(uint, uint)>();
        uint start = sorted[0], end = sorted[0];
        foreach (var n in sorted.AsSpan(1))
        {
            if (n == end + 1)
            {
                end = n;
                continue;
            }

            ranges.Add((start, end));
            start = end = n;
        }

        ranges.Add((start, end));
        return new([.. ranges]);
    }

    /// <summary>Parses IMAP syntax such as <c>1:5,7,10:*</c>.</summary>
    /// <param name="text">The set.</param>
    /// <returns>The parsed set.</returns>
    /// <exception cref="FormatException">The text is not a sequence set.</exception>
    public static SequenceSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(uint, uint)>();
        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var a = ParseNumber(colon < 0 ? part : part[..colon], text);
            var b = colon < 0 ? a : ParseNumber(part[(colon + 1)..], text);
            ranges.Add((Math.Min(a, b), Math.Max(a, b)));
        }

        return new([.. ranges]);
    }

    /// <summary>
    /// Parses a uid-set as servers send it in COPYUID (RFC 4315): numbers and ranges, no <c>*</c>, the ranges kept in
    /// the order given (each with its ends ascending, since <c>4:2</c> means <c>2:4</c>). False for anything else.
    /// </summary>
    internal static bool TryParseUidSet(ReadOnlySpan<char> text, [NotNullWhen(true)] out SequenceSet? set)
    {
        set = null;
        var ranges = new List<(uint, uint)>();
        foreach (var part in text.Split(','))
        {
            var item = text[part];
            var colon = item.IndexOf(':');
            if (!TryParseUid(colon < 0 ? item : item[..colon], out var a) || !TryParseUid(colon < 0 ? item : item[(colon + 1)..], out var b))
            {
                return false;
            }

            ranges.Add((Math.Min(a, b), Math.Max(a, b)));
        }

        set = new([.. ranges]);
        return true;

        static bool TryParseUid(ReadOnlySpan<char> s, out uint uid) =>
            uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out uid) && uid is > 0 and < uint.MaxValue;
    }

    /// <summary>How many numbers the set holds; <c>*</c> counts as <see cref="uint.MaxValue"/>.</summary>
    internal long Count
    {
        get
        {
            var count = 0L;
            foreach (var (start, end) in _ranges)
            {
                count += (long)end - start + 1;
            }

            return count;
        }
    }

    /// <summary>True when the set holds <c>*</c>, which stands for a number only the server knows.</summary>
    internal bool HasStar => Array.Exists(_ranges, r => r.End == uint.MaxValue);

    /// <summary>True when the number is in the set (<c>*</c> counts as unbounded).</summary>
    /// <param name="number">The number.</param>
    /// <returns>Whether it is in the set.</returns>
    public bool Contains(uint number)
    {
        foreach (var (start, end) in _ranges)
        {
            if (number >= start && number <= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a FETCH response belongs to a command that named this set. <c>*</c> is the last message in the mailbox
    /// (also for UIDs: the highest UID is the last message's), and <c>n:*</c> holds it even when it is below n.
    /// </summary>
    internal bool Contains(uint number, bool isLastMessage)
    {
        foreach (var (start, end) in _ranges)
        {
            var inRange = end == uint.MaxValue
                ? isLastMessage || (start != uint.MaxValue && number >= start)
                : number >= start && number <= end;
            if (inRange)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the sets may share a number. The empty set shares none; a set with <c>*</c> may share any: <c>*</c> stands for a number only the
    /// server knows, and <c>n:*</c> covers numbers below n when fewer exist.
    /// </summary>
    internal bool MayOverlap(SequenceSet other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return false;
        }

        if (HasStar || other.HasStar)
        {
            return true;
        }

        foreach (var (start, end) in _ranges)
        {
            foreach (var (otherStart, otherEnd) in other._ranges)
            {
                if (start <= otherEnd && otherStart <= end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The set in IMAP syntax.</summary>
    /// <returns>E.g. <c>1:5,7,10:*</c>; an empty string for <see cref="Empty"/>.</returns>
    public override string ToString()
    {
        var length = FormattedLength;
        if (length == 0)
        {
            return "";
        }

        var rented = length <= 256 ? null : ArrayPool<byte>.Shared.Rent(length);
        var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        Format(bytes);
        var text = Encoding.ASCII.GetString(bytes);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return text;
    }

    /// <summary>Writes the set in IMAP syntax as ASCII bytes, as <see cref="ToString"/> spells it.</summary>
    /// <param name="utf8Destination">Where to write.</param>
    /// <param name="bytesWritten">How many bytes were written (0 when the destination is too small).</param>
    /// <param name="format">Must be empty: a sequence set has one spelling.</param>
    /// <param name="provider">Ignored: the digits are always ASCII.</param>
    /// <returns>False when the destination is too small for the whole set.</returns>
    /// <exception cref="FormatException">A format was given.</exception>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        if (!format.IsEmpty)
        {
            throw new FormatException($"A sequence set has no format \"{format}\"; pass none.");
        }

        var length = FormattedLength;
        if (length > utf8Destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        Format(utf8Destination[..length]);
        bytesWritten = length;
        return true;
    }

    /// <summary>How many bytes the set takes in IMAP syntax, so a writer can ask for exactly that much room.</summary>
    internal int FormattedLength
    {
        get
        {
            if (_ranges.Length == 0)
            {
                return 0;
            }

            var length = _ranges.Length - 1; // the commas
            foreach (var (start, end) in _ranges)
            {
                length += Digits(start) + (end == start ? 0 : 1 + Digits(end));
            }

            return length;
        }
    }

    /// <summary>Writes exactly <see cref="FormattedLength"/> bytes.</summary>
    private void Format(Span<byte> destination)
    {
        var at = 0;
        foreach (var (start, end) in _ranges)
        {
            if (at > 0)
            {
                destination[at++] = (byte)',';
            }

            at += Write(destination[at..], start);
            if (end != start)
            {
                destination[at++] = (byte)':';
                at += Write(destination[at..], end);
            }
        }

        static int Write(Span<byte> destination, uint n)
        {
            if (n == uint.MaxValue)
            {
                destination[0] = (byte)'*';
                return 1;
            }

            Utf8Formatter.TryFormat(n, destination, out var written);
            return written;
        }
    }

    private static int Digits(uint n) => n == uint.MaxValue ? 1 : n switch
    {
        < 10 => 1,
        < 100 => 2,
        < 1_000 => 3,
        < 10_000 => 4,
        < 100_000 => 5,
        < 1_000_000 => 6,
        < 10_000_000 => 7,
        < 100_000_000 => 8,
        < 1_000_000_000 => 9,
        _ => 10,
    };

    private static uint ParseNumber(string s, string whole)
    {
        if (s == "*")
        {
            return uint.MaxValue;
        }

        if (!uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0)
        {
            throw new FormatException($"\"{whole}\" is not a sequence set.");
        }

        return n;
    }
}
