using System.Text;

namespace ImapClient.Protocol;

/// <summary>Parses the inside of <c>[…]</c> in a status response. Unknown codes are kept with their raw arguments.</summary>
internal static class ResponseCodeParser
{
    public static ImapResponseCode Parse(ref ImapReader reader)
    {
        var atom = reader.ReadAtom();
        var (kind, name) = Classify(atom);
        if (kind != ImapResponseCodeKind.Unknown && !reader.Tolerates(ImapQuirks.LowercaseKeywords))
        {
            reader.CheckKeywordCase(atom, Encoding.ASCII.GetBytes(name));
        }

        switch (kind)
        {
            case ImapResponseCodeKind.UidNext or ImapResponseCodeKind.UidValidity or ImapResponseCodeKind.Unseen:
                reader.ExpectSpaces();
                var number = reader.ReadNumber64();
                if (number is 0 or > uint.MaxValue)
                {
                    // All three are 32-bit nz-numbers; SmarterMail sends UIDVALIDITY 0, GreenMail a millisecond clock.
                    reader.Tolerate(ImapQuirks.InvalidNumbers, $"{name} {number}, outside 1 to 2^32-1");
                }

                return new ImapResponseCode(kind, name) { Number = number };
            case ImapResponseCodeKind.HighestModSeq:
                reader.ExpectSpaces();
                return new ImapResponseCode(kind, name) { Number = reader.ReadNumber64() };
            case ImapResponseCodeKind.PermanentFlags:
                reader.ExpectSpaces();
                return new ImapResponseCode(kind, name) { Flags = ResponseParser.ParseFlagList(ref reader) };
            case ImapResponseCodeKind.Capability:
                return new ImapResponseCode(kind, name) { Capabilities = ResponseParser.ParseCapabilities(ref reader) };
            case ImapResponseCodeKind.BadCharset:
                return new ImapResponseCode(kind, name) { Charsets = ParseCharsets(ref reader) };
            case ImapResponseCodeKind.Modified:
                reader.ExpectSpace();
                return new ImapResponseCode(kind, name) { Set = ReadSequenceSet(ref reader) };
            case ImapResponseCodeKind.Unknown:
                string? arguments = null;
                if (reader.SkipSpaces() > 0 && !reader.IsNext((byte)']'))
                {
                    arguments = Encoding.UTF8.GetString(reader.ReadUntil((byte)']'));
                }

                return new ImapResponseCode(kind, name) { Arguments = arguments };
            default:
                return new ImapResponseCode(kind, name);
        }
    }

    private static (ImapResponseCodeKind Kind, string Name) Classify(ReadOnlySpan<byte> atom)
    {
        ReadOnlySpan<(ImapResponseCodeKind, string)> known =
        [
            (ImapResponseCodeKind.Alert, "ALERT"),
            (ImapResponseCodeKind.BadCharset, "BADCHARSET"),
            (ImapResponseCodeKind.Capability, "CAPABILITY"),
            (ImapResponseCodeKind.Closed, "CLOSED"),
            (ImapResponseCodeKind.Parse, "PARSE"),
            (ImapResponseCodeKind.PermanentFlags, "PERMANENTFLAGS"),
            (ImapResponseCodeKind.ReadOnly, "READ-ONLY"),
            (ImapResponseCodeKind.ReadWrite, "READ-WRITE"),
            (ImapResponseCodeKind.TryCreate, "TRYCREATE"),
            (ImapResponseCodeKind.UidNext, "UIDNEXT"),
            (ImapResponseCodeKind.UidValidity, "UIDVALIDITY"),
            (ImapResponseCodeKind.Unseen, "UNSEEN"),
            (ImapResponseCodeKind.HighestModSeq, "HIGHESTMODSEQ"),
            (ImapResponseCodeKind.NoModSeq, "NOMODSEQ"),
            (ImapResponseCodeKind.Modified, "MODIFIED"),
        ];
        foreach (var (kind, name) in known)
        {
            if (Ascii.EqualsIgnoreCase(atom, name))
            {
                return (kind, name);
            }
        }

        return (ImapResponseCodeKind.Unknown, Encoding.ASCII.GetString(atom).ToUpperInvariant());
    }

    /// <summary>A sequence set (<c>1:3,7</c>) as sent, or a protocol error naming it.</summary>
    internal static SequenceSet ReadSequenceSet(ref ImapReader reader)
    {
        var text = reader.ReadAtomString();
        try
        {
            return SequenceSet.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw reader.Error($"'{text}' is not a sequence set");
        }
    }

    private static List<string> ParseCharsets(ref ImapReader reader)
    {
        var charsets = new List<string>();
        if (reader.SkipSpaces() == 0 || !reader.TryConsume((byte)'('))
        {
            return charsets;
        }

        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return charsets;
            }

            charsets.Add(reader.ReadAString());
        }
    }
}
