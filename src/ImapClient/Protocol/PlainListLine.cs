using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// The shape nearly every LIST and LSUB line has, read straight from the reader's span:
/// <c> (\Known \Attributes) "/" "name"</c> up to the line's end, single spaces, a quoted ASCII name without escapes.
/// Anything else (unknown attributes, NIL or escaped delimiters, atoms, literals, 8-bit bytes, extended data, a line
/// split across segments) is left to <see cref="ListResponseParser"/>, which reads every shape and applies the quirk
/// switches; this path accepts only what that one reads the same way, so the two never disagree.
/// </summary>
internal static class PlainListLine
{
    private static readonly SearchValues<byte> AttributeEnds = SearchValues.Create(" ()[]{\"\r\n"u8);
    private static readonly SearchValues<byte> QuotedEnds = SearchValues.Create("\"\\\r\n"u8);

    /// <summary>Reads the rest of the line after <c>LIST</c> when it has the plain shape; false, with nothing consumed, otherwise.</summary>
    public static bool TryRead(ref ImapReader reader, bool utf8Names, [NotNullWhen(true)] out MailboxListEntry? entry)
    {
        entry = null;
        var line = reader.UnreadSpan;
        if (!line.StartsWith(" ("u8))
        {
            return false;
        }

        var at = 2;
        var attributes = MailboxAttributes.None;
        while (at < line.Length && line[at] != (byte)')')
        {
            var length = line[at..].IndexOfAny(AttributeEnds);
            if (length <= 0 || at + length + 1 >= line.Length)
            {
                return false;
            }

            var attribute = MailboxAttributeNames.Parse(line.Slice(at, length));
            var after = line[at + length];
            if (attribute == MailboxAttributes.None || after is not ((byte)' ' or (byte)')'))
            {
                return false;
            }

            attributes |= attribute;
            at += after == (byte)' ' ? length + 1 : length;
        }

        // ") "x" " or ") "" ": the delimiter, then the name's opening quote.
        if (line.Length - at < 8 || line[at + 1] != (byte)' ' || line[at + 2] != (byte)'"')
        {
            return false;
        }

        char? delimiter;
        var c = line[at + 3];
        if (c == (byte)'"')
        {
            delimiter = null;
            at += 4;
        }
        else if (c is >= 0x20 and < 0x7f and not (byte)'\\' && line[at + 4] == (byte)'"')
        {
            delimiter = (char)c;
            at += 5;
        }
        else
        {
            return false;
        }

        if (line.Length - at < 4 || line[at] != (byte)' ' || line[at + 1] != (byte)'"')
        {
            return false;
        }

        var body = line[(at + 2)..];
        var close = body.IndexOfAny(QuotedEnds);
        if (close < 0 || close + 1 >= body.Length || body[close] != (byte)'"' || body[close + 1] is not ((byte)'\r' or (byte)'\n'))
        {
            return false;
        }

        body = body[..close];
        if (body.ContainsAnyInRange((byte)0x80, (byte)0xff))
        {
            return false;
        }

        string name;
        if (body.Length <= RecentMailboxNames.MaxWireLength)
        {
            name = RecentMailboxNames.ForCurrentThread(utf8Names).Get(body);
        }
        else if (utf8Names || !body.Contains((byte)'&'))
        {
            name = Encoding.ASCII.GetString(body);
        }
        else
        {
            return false;
        }

        reader.Advance(at + 2 + close + 1);
        entry = new MailboxListEntry(name, delimiter, attributes, []);
        return true;
    }
}
