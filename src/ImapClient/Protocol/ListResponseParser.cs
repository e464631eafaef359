using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// <c>LIST</c> and <c>LSUB</c> data: <c>(attributes) delimiter name [(extended data)]</c> (RFC 9051, RFC 5258).
/// Known attributes become flags without allocating; the name is decoded once, here. Lines of the common shape are
/// read by <see cref="PlainListLine"/> from one span; this reads every other shape servers send.
/// </summary>
internal static class ListResponseParser
{
    private const string Subscribed = "SUBSCRIBED";

    /// <summary>The longest name read through the stack buffer; longer ones take the general path.</summary>
    private const int ShortName = 256;

    public static MailboxListEntry Parse(ref ImapReader reader, bool isLsub, bool utf8Names)
    {
        // LIST answers are thousands of lines of one shape: read at span speed when they have it.
        if (PlainListLine.TryRead(ref reader, utf8Names, out var plain))
        {
            return plain;
        }

        reader.SkipSpaces();
        var (attributes, others) = ParseAttributes(ref reader);
        reader.SkipSpaces();
        var delimiter = reader.ReadNQuotedChar();
        reader.SkipSpaces();
        var name = ReadName(ref reader, utf8Names);

        IReadOnlyList<string> childInfo = [];
        string? oldName = null;
        if (!reader.AtLineEnd && reader.SkipSpaces() > 0 && reader.TryConsume((byte)'('))
        {
            while (true)
            {
                reader.SkipSpaces();
                if (reader.TryConsume((byte)')'))
                {
                    break;
                }

                if (TryReadTag(ref reader, "CHILDINFO"u8))
                {
                    reader.SkipSpaces();
                    childInfo = ParseChildInfo(ref reader);
                }
                else if (TryReadTag(ref reader, "OLDNAME"u8))
                {
                    reader.SkipSpaces();
                    reader.Expect((byte)'(');
                    reader.SkipSpaces();
                    oldName = MailboxName.FromWire(reader.ReadAString(), utf8Names);
                    reader.SkipSpaces();
                    reader.Expect((byte)')');
                }
                else
                {
                    // An extension this library does not know: its tag, then its value of any shape.
                    reader.SkipValue();
                    reader.SkipSpaces();
                    reader.SkipValue();
                }
            }
        }

        var entry = new MailboxListEntry(name, delimiter, attributes, others ?? (IReadOnlyList<string>)[])
        {
            ChildInfo = childInfo,
            OldName = oldName,
        };
        return entry;
    }

    /// <summary>
    /// The mailbox name. Most are short quoted strings: widened by the reader into a buffer here and decoded from it,
    /// so the name is the only string made (not the wire form first, then the decoded name).
    /// </summary>
    private static string ReadName(ref ImapReader reader, bool utf8Names)
    {
        Span<char> wire = stackalloc char[ShortName];
        return reader.TryReadShortQuoted(wire, out var length)
            ? MailboxName.FromWire(wire[..length], utf8Names)
            : MailboxName.FromWire(reader.ReadAString(), utf8Names);
    }

    private static (MailboxAttributes Known, List<string>? Others) ParseAttributes(ref ImapReader reader)
    {
        reader.Expect((byte)'(');
        var known = MailboxAttributes.None;
        List<string>? others = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return (known, others);
            }

            var atom = reader.ReadAtom();
            var attribute = MailboxAttributeNames.Parse(atom);
            if (attribute != MailboxAttributes.None)
            {
                known |= attribute;
            }
            else
            {
                (others ??= []).Add(Encoding.UTF8.GetString(atom));
            }
        }
    }

    /// <summary><c>("SUBSCRIBED" …)</c>: why a parent that does not match the selection was listed.</summary>
    private static List<string> ParseChildInfo(ref ImapReader reader)
    {
        reader.Expect((byte)'(');
        var reasons = new List<string>(1);
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return reasons;
            }

            // The one reason RFC 5258 defines is shared rather than allocated per mailbox.
            reasons.Add(TryReadTag(ref reader, "SUBSCRIBED"u8) ? Subscribed : reader.ReadAString());
        }
    }

    /// <summary>Consumes an extended-data tag (an astring, usually quoted) when it is <paramref name="tag"/>, case-insensitively.</summary>
    private static bool TryReadTag(ref ImapReader reader, ReadOnlySpan<byte> tag)
    {
        if (!reader.IsNext((byte)'"'))
        {
            return reader.TryReadKeyword(tag);
        }

        var probe = reader;
        probe.Advance(1);
        if (!probe.TryReadKeyword(tag) || !probe.TryConsume((byte)'"'))
        {
            return false;
        }

        reader = probe;
        return true;
    }
}
