using System.Buffers;

namespace ImapClient;

/// <summary>
/// The one normal form in which a section spec (what goes between the brackets of <c>BODY[…]</c>) is compared:
/// header field names are astrings, so a server may send <c>HEADER.FIELDS ("SUBJECT" {10}MESSAGE-ID)</c> for the
/// <c>HEADER.FIELDS (Subject Message-ID)</c> that was asked for. The normal form writes strings and literals as bare
/// atoms (quoted only when their content could not be one), folds ASCII letters to upper case (section keywords and
/// field names are case-insensitive), and writes the tokens with one space between them and none inside the
/// parentheses: <c>HEADER.FIELDS (SUBJECT MESSAGE-ID)</c>. The response parser (Protocol/SectionSpec.cs) keeps the
/// server's section in this form; a <see cref="FetchedBodySection"/> compares the section a caller names with it.
/// </summary>
internal static class SectionNormalForm
{
    /// <summary>Sections longer than this are normalised in a pooled buffer instead of on the stack.</summary>
    public const int StackLimit = 256;

    /// <summary>Whether two section specs name the same section.</summary>
    public static bool Equivalent(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        char[]? rentedA = null;
        char[]? rentedB = null;
        var bufferA = MaxLength(a) <= StackLimit ? stackalloc char[StackLimit] : (rentedA = ArrayPool<char>.Shared.Rent(MaxLength(a)));
        var bufferB = MaxLength(b) <= StackLimit ? stackalloc char[StackLimit] : (rentedB = ArrayPool<char>.Shared.Rent(MaxLength(b)));
        try
        {
            return bufferA[..Normalize(a, bufferA)].SequenceEqual(bufferB[..Normalize(b, bufferB)]);
        }
        finally
        {
            Return(rentedA);
            Return(rentedB);
        }
    }

    /// <summary>
    /// Writes the normal form of <paramref name="section"/> to <paramref name="destination"/> (at least
    /// <see cref="MaxLength"/> long) and returns its length.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> section, Span<char> destination)
    {
        var written = 0;
        var i = 0;
        while (i < section.Length)
        {
            var c = section[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            if (c == ')')
            {
                destination[written++] = ')';
                i++;
                continue;
            }

            // Every other token is separated from the one before by exactly one space, unless it follows '('.
            if (written > 0 && destination[written - 1] is not '(' and not ' ')
            {
                destination[written++] = ' ';
            }

            if (c == '(')
            {
                destination[written++] = '(';
                i++;
            }
            else if (c == '"')
            {
                var end = ClosingQuote(section, i + 1);
                written = WriteString(section[(i + 1)..end], escaped: true, destination, written);
                i = end + 1;
            }
            else if (TryReadLiteralLength(section, i, out var dataStart, out var length))
            {
                written = WriteString(section.Slice(dataStart, length), escaped: false, destination, written);
                i = dataStart + length;
            }
            else
            {
                while (i < section.Length && section[i] is not (' ' or '\t' or '\r' or '\n' or '(' or ')' or '"'))
                {
                    destination[written++] = Upper(section[i++]);
                }
            }
        }

        return written;
    }

    /// <summary>The index of the quote that closes a quoted string whose content starts at <paramref name="i"/> (or the end).</summary>
    private static int ClosingQuote(ReadOnlySpan<char> section, int i)
    {
        while (i < section.Length && section[i] != '"')
        {
            i += section[i] == '\\' && i + 1 < section.Length ? 2 : 1;
        }

        return i;
    }

    /// <summary>
    /// Writes a string's content (a quoted string's, with <paramref name="escaped"/> escapes, or a literal's) bare
    /// when it reads back as the same atom, and quoted otherwise, so that the normal form of a normal form is itself.
    /// </summary>
    private static int WriteString(ReadOnlySpan<char> content, bool escaped, Span<char> destination, int written)
    {
        var quote = content.IsEmpty;
        for (var i = 0; i < content.Length && !quote; i++)
        {
            var c = escaped && content[i] == '\\' && i + 1 < content.Length ? content[++i] : content[i];
            // Not '{' or '~': a bare one is text when read back (a literal needs its line break, which is quoted),
            // and it must compare equal to the same name sent as an atom (X~Y).
            quote = c is <= ' ' or '(' or ')' or '"' or '\\' or '\x7f';
        }

        if (quote)
        {
            destination[written++] = '"';
        }

        for (var i = 0; i < content.Length; i++)
        {
            var c = escaped && content[i] == '\\' && i + 1 < content.Length ? content[++i] : content[i];
            if (quote && c is '"' or '\\')
            {
                destination[written++] = '\\';
            }

            destination[written++] = Upper(c);
        }

        if (quote)
        {
            destination[written++] = '"';
        }

        return written;
    }

    /// <summary>A literal's announcement (<c>{n}</c>, <c>{n+}</c> or <c>~{n}</c> and its line break) at <paramref name="i"/>.</summary>
    private static bool TryReadLiteralLength(ReadOnlySpan<char> section, int i, out int dataStart, out int length)
    {
        dataStart = length = 0;
        if (i < section.Length && section[i] == '~')
        {
            i++;
        }

        if (i >= section.Length || section[i] != '{')
        {
            return false;
        }

        var close = section[i..].IndexOf('}');
        if (close < 0)
        {
            return false;
        }

        var digits = section.Slice(i + 1, close - 1).TrimEnd('+');
        var end = i + close + 1;
        if (end < section.Length && section[end] == '\r')
        {
            end++;
        }

        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length)
            || end >= section.Length || section[end] != '\n' || length > section.Length - end - 1)
        {
            return false;
        }

        dataStart = end + 1;
        return true;
    }

    private static char Upper(char c) => c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;

    /// <summary>
    /// The most the normal form can need: twice the input. Each token costs at most one space more than it was sent
    /// with; a string it has to quote was quoted (or announced as a literal, which costs more) when it came in.
    /// </summary>
    private static int MaxLength(ReadOnlySpan<char> section) => 2 * section.Length;

    public static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
