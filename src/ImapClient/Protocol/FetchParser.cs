using System.Buffers;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>Parses the msg-att list of <c>* n FETCH (…)</c>. Unknown items are skipped, never fatal.</summary>
internal static class FetchParser
{
    public static FetchedMessage ParseMessage(ref ImapReader reader, uint sequenceNumber, RawValueArena? arena)
    {
        var message = new FetchedMessage(sequenceNumber, reader.Limits.Quirks);
        reader.Expect((byte)'(');
        var extraParens = 0;
        var items = 0;
        var afterOpen = true;
        while (true)
        {
            if (!reader.MoreInList(afterOpen, missingSpace: ImapQuirks.SloppyFetch))
            {
                reader.Expect((byte)')');
                if (extraParens == 0)
                {
                    return message;
                }

                extraParens--;
                afterOpen = false;
                continue;
            }

            // Lotus Domino wraps single items in a stray pair of parentheses: "(ENVELOPE (...))".
            if (reader.TryConsume((byte)'('))
            {
                reader.Tolerate(ImapQuirks.ExtraParentheses, "a FETCH item inside a stray pair of parentheses");
                reader.EnterNested(++extraParens);
                afterOpen = true;
                continue;
            }

            afterOpen = false;

            if (++items > reader.Limits.MaxFetchItems)
            {
                throw reader.Error($"more than the limit of {reader.Limits.MaxFetchItems} items in one FETCH response");
            }

            ParseItem(ref reader, message, arena);
        }
    }

    /// <summary>
    /// Reads the start of a FETCH response that stops where a literal's data begins. True when that literal is the
    /// value of a body section (<c>BODY[…]</c>, <c>BINARY[…]</c>, <c>RFC822*</c>): then the items before it, and the
    /// section, are returned, so the literal can be streamed. False for any other literal (a quoted subject …),
    /// which is then buffered as usual.
    /// </summary>
    public static bool TryParseBodyPrefix(
        in ReadOnlySequence<byte> prefix, ImapLimits limits, out FetchedMessage message, out string name, out string section, out long? origin)
    {
        message = null!;
        name = section = "";
        origin = null;
        var reader = new ImapReader(prefix, limits);
        try
        {
            if (!reader.TryConsume((byte)'*') || !reader.TryConsume((byte)' ') || !reader.NextIsDigit)
            {
                return false;
            }

            var sequenceNumber = reader.ReadNumber();
            reader.ExpectSpace();
            if (!reader.TryReadKeyword("FETCH"u8))
            {
                return false;
            }

            reader.SkipSpaces();
            reader.Expect((byte)'(');
            message = new FetchedMessage(sequenceNumber, limits.Quirks);
            while (true)
            {
                reader.SkipSpaces();
                var probe = reader;
                if (TryReadSectionName(ref probe, out name, out section, out origin) && probe.SkipSpaces() >= 0 && probe.TryReadLiteralHeaderAtEnd())
                {
                    return true;
                }

                ParseItem(ref reader, message, null);
            }
        }
        catch (ImapProtocolException)
        {
            // The literal sits inside some other item: not ours to stream.
            return false;
        }
    }

    private static bool TryReadSectionName(ref ImapReader reader, out string name, out string section, out long? origin)
    {
        section = "";
        origin = null;
        var atom = reader.ReadAtom();
        name = Ascii.EqualsIgnoreCase(atom, "BODY"u8) ? "BODY"
            : Ascii.EqualsIgnoreCase(atom, "BINARY"u8) ? "BINARY"
            : Ascii.EqualsIgnoreCase(atom, "RFC822"u8) ? "RFC822"
            : Ascii.EqualsIgnoreCase(atom, "RFC822.HEADER"u8) ? "RFC822.HEADER"
            : Ascii.EqualsIgnoreCase(atom, "RFC822.TEXT"u8) ? "RFC822.TEXT"
            : "";
        if (name.Length > 0 && !reader.Tolerates(ImapQuirks.LowercaseKeywords))
        {
            reader.CheckKeywordCase(atom, Encoding.ASCII.GetBytes(name));
        }

        if (name.StartsWith("RFC822", StringComparison.Ordinal))
        {
            section = name == "RFC822" ? "" : name["RFC822.".Length..];
            return true;
        }

        if (name.Length == 0 || !reader.TryConsume((byte)'['))
        {
            return false;
        }

        section = SectionSpec.FromResponse(reader.ReadSectionSpec());
        reader.Expect((byte)']');
        if (reader.TryConsume((byte)'<'))
        {
            origin = (long)reader.ReadDigits();
            reader.Expect((byte)'>');
        }

        return true;
    }

    private static void ParseItem(ref ImapReader reader, FetchedMessage message, RawValueArena? arena)
    {
        if (reader.TryReadKeyword("FLAGS"u8))
        {
            ValueSpace(ref reader);
            message.Flags = ResponseParser.ParseFlagList(ref reader);
        }
        else if (reader.TryReadKeyword("UID"u8))
        {
            ValueSpace(ref reader);
            message.Uid = reader.ReadNumber();
            if (message.Uid == 0)
            {
                reader.Tolerate(ImapQuirks.InvalidNumbers, "UID 0");
            }
        }
        else if (reader.TryReadKeyword("RFC822.SIZE"u8))
        {
            ValueSpace(ref reader);
            if (reader.TryReadNil())
            {
                reader.Tolerate(ImapQuirks.SloppyFetch, "NIL for RFC822.SIZE");
                message.Size = null;
            }
            else
            {
                message.Size = (long)reader.ReadNumber64();
            }
        }
        else if (reader.TryReadKeyword("INTERNALDATE"u8))
        {
            ValueSpace(ref reader);
            message.InternalDate = ReadInternalDate(ref reader);
        }
        else if (reader.TryReadKeyword("ENVELOPE"u8))
        {
            ValueSpace(ref reader);
            message.SetEnvelope(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits);
        }
        else if (reader.TryReadKeyword("BODYSTRUCTURE"u8))
        {
            ValueSpace(ref reader);
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits);
        }
        else if (reader.TryReadKeyword("MODSEQ"u8))
        {
            ValueSpace(ref reader);
            reader.Expect((byte)'(');
            message.ModSeq = ReadModSeq(ref reader);
            reader.Expect((byte)')');
        }
        else if (reader.TryReadKeyword("RFC822"u8))
        {
            ReadSectionValue(ref reader, message, "RFC822", "", null, arena);
        }
        else if (reader.TryReadKeyword("RFC822.HEADER"u8))
        {
            ReadSectionValue(ref reader, message, "RFC822.HEADER", "HEADER", null, arena);
        }
        else if (reader.TryReadKeyword("RFC822.TEXT"u8))
        {
            ReadSectionValue(ref reader, message, "RFC822.TEXT", "TEXT", null, arena);
        }
        else
        {
            ParseSectionOrSkip(ref reader, message, arena);
        }
    }

    /// <summary><c>BODY[section]&lt;origin&gt;</c> and <c>BINARY[section]&lt;origin&gt;</c>; anything else is skipped.</summary>
    private static void ParseSectionOrSkip(ref ImapReader reader, FetchedMessage message, RawValueArena? arena)
    {
        var atom = reader.ReadAtom();
        string? name = Ascii.EqualsIgnoreCase(atom, "BODY"u8) ? "BODY"
            : Ascii.EqualsIgnoreCase(atom, "BINARY"u8) ? "BINARY"
            : null;
        if (name is not null)
        {
            reader.CheckKeywordCase(atom, name == "BODY" ? "BODY"u8 : "BINARY"u8);
        }

        if (name == "BODY" && !reader.IsNext((byte)'['))
        {
            // "BODY (...)": the non-extensible body structure.
            ValueSpace(ref reader);
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits, extensible: false);
            return;
        }

        if (name is null || !reader.TryConsume((byte)'['))
        {
            // An unknown item (X-GM-LABELS, BINARY.SIZE[…], PREVIEW …): skip its section, if any, and its value.
            if (reader.TryConsume((byte)'['))
            {
                reader.ReadUntil((byte)']');
                reader.Expect((byte)']');
            }

            var spaces = reader.SkipSpaces();
            if (spaces == 0 || reader.IsNext((byte)')'))
            {
                reader.Tolerate(ImapQuirks.SloppyFetch, "a FETCH item without a value");
                return;
            }

            reader.SkipValue();
            return;
        }

        var section = SectionSpec.FromResponse(reader.ReadSectionSpec());
        reader.Expect((byte)']');
        long? origin = null;
        if (reader.TryConsume((byte)'<'))
        {
            origin = (long)reader.ReadDigits();
            reader.Expect((byte)'>');
        }

        ReadSectionValue(ref reader, message, name, section, origin, arena);
    }

    /// <summary>The space between a FETCH item's name and its value.</summary>
    private static void ValueSpace(ref ImapReader reader)
    {
        if (reader.SkipSpaces() == 0)
        {
            reader.Tolerate(ImapQuirks.SloppyFetch, "no space between a FETCH item and its value");
        }
    }

    /// <summary>
    /// <c>date-time</c>, or null. A date the tolerant parse reads but that breaks the grammar's spacing needs
    /// <see cref="ImapQuirks.SpacePaddedDates"/>; one it cannot read at all (or NIL) needs <see cref="ImapQuirks.InvalidDates"/>.
    /// </summary>
    private static DateTimeOffset? ReadInternalDate(ref ImapReader reader)
    {
        Span<char> chars = stackalloc char[40];
        if (reader.TryReadShortQuoted(chars, out var length))
        {
            return CheckInternalDate(ref reader, chars[..length]);
        }

        if (reader.TryReadNil())
        {
            reader.Tolerate(ImapQuirks.InvalidDates, "NIL for INTERNALDATE");
            return null;
        }

        return CheckInternalDate(ref reader, reader.ReadString());
    }

    private static DateTimeOffset? CheckInternalDate(ref ImapReader reader, scoped ReadOnlySpan<char> text)
    {
        var date = ImapDateParser.ParseInternalDate(text);
        if (date is null)
        {
            reader.Tolerate(ImapQuirks.InvalidDates, $"INTERNALDATE \"{text}\" is no date");
        }
        else if (!ImapDateParser.IsStrictDateTime(text))
        {
            reader.Tolerate(ImapQuirks.SpacePaddedDates, $"INTERNALDATE \"{text}\" is not spaced as date-time is");
        }

        return date;
    }

    /// <summary>
    /// A mod-sequence is a positive 63-bit number. Zoho sends <c>MODSEQ (-1)</c>, read as no MODSEQ; Gmail has sent
    /// <c>MODSEQ (0)</c>, kept as it is.
    /// </summary>
    private static ulong? ReadModSeq(ref ImapReader reader)
    {
        if (reader.IsNext((byte)'-'))
        {
            reader.Tolerate(ImapQuirks.InvalidNumbers, "a negative MODSEQ");
            reader.ReadAtom();
            return null;
        }

        var value = reader.ReadNumber64();
        if (value == 0)
        {
            reader.Tolerate(ImapQuirks.InvalidNumbers, "MODSEQ 0");
        }

        return value;
    }

    private static void ReadSectionValue(ref ImapReader reader, FetchedMessage message, string name, string section, long? origin, RawValueArena? arena)
    {
        var spaces = reader.SkipSpaces();

        // Yandex sends "BODY[2] )" for an empty part: no value at all. The part exists (its MIME header comes with
        // it), so this is empty content, not NIL.
        if (reader.IsNext((byte)')'))
        {
            reader.Tolerate(ImapQuirks.SloppyFetch, "a body section without a value");
            message.AddSection(new FetchedBodySection(name, section, origin, ReadOnlyMemory<byte>.Empty));
            return;
        }

        if (spaces == 0)
        {
            reader.Tolerate(ImapQuirks.SloppyFetch, "no space between a FETCH item and its value");
        }

        // Spelled out: a null byte[] converts implicitly to an empty, non-null ReadOnlyMemory, and NIL must stay null.
        ReadOnlyMemory<byte>? data = null;
        if (reader.IsNext((byte)'{') || reader.IsNext((byte)'~'))
        {
            data = RawValueArena.Copy(arena, reader.ReadLiteral());
        }
        else if (reader.ReadNStringBytes() is { } bytes)
        {
            data = bytes;
        }

        message.AddSection(new FetchedBodySection(name, section, origin, data));

        // A whole header section is nearly always wanted parsed: building the HeaderList here, while the server is
        // still sending the rest of the FETCH, overlaps the work with the transfer instead of leaving it for after.
        if (arena is not null && origin is null && data is { } headerBytes && (section == "HEADER" || name == "RFC822.HEADER"))
        {
            message.PrepareHeaders(headerBytes);
        }
    }
}
