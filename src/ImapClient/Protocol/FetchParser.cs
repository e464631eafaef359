using System.Text;

namespace ImapClient.Protocol;

/// <summary>Parses the msg-att list of <c>* n FETCH (…)</c>. Unknown items are skipped, never fatal.</summary>
internal static class FetchParser
{
    public static FetchedMessage ParseMessage(ref ImapReader reader, uint sequenceNumber, RawValueArena? arena)
    {
        reader.Expect((byte)'(');
        var walk = new FetchItemWalk(new FetchedMessage(sequenceNumber, reader.Limits.FetchedValues));
        ReadItems(ref reader, ref walk, arena);
        return walk.Message;
    }

    /// <summary>Walks the items after <paramref name="walk"/>'s place up to and through the list's closing parenthesis.</summary>
    public static void ReadItems(ref ImapReader reader, ref FetchItemWalk walk, RawValueArena? arena)
    {
        while (Step(ref reader, ref walk, arena, toLiteral: false, out _) == FetchStep.Item)
        {
        }
    }

    /// <summary>
    /// Walks items of data that ends where a literal's bytes begin (<c>{n}</c> CRLF). Stops, before it, at the item
    /// whose value that literal is when that item is a body section (<see cref="FetchStep.BodyLiteral"/>); stops
    /// before an item that needs more than the data holds (<see cref="FetchStep.NeedMore"/>: a literal inside an
    /// ENVELOPE, or a malformed item, which the caller parses again once the whole response is there). In both cases
    /// <paramref name="reader"/> and <paramref name="walk"/> are left at the boundary before that item.
    /// </summary>
    public static FetchStep ReadItemsToLiteral(ref ImapReader reader, ref FetchItemWalk walk, RawValueArena? arena, out BodyLiteralItem literal)
    {
        while (true)
        {
            var before = reader;
            var saved = walk;
            FetchStep step;
            try
            {
                step = Step(ref reader, ref walk, arena, toLiteral: true, out literal);
            }
            catch (ImapProtocolException)
            {
                step = FetchStep.NeedMore;
                literal = default;
            }

            if (step == FetchStep.Item)
            {
                continue;
            }

            if (step != FetchStep.Closed)
            {
                reader = before;
                walk = saved;
            }

            return step;
        }
    }

    /// <summary>The body literal <see cref="ReadItemsToLiteral"/> stopped at was streamed: the walk goes on after that item.</summary>
    public static void PassStreamedItem(ref FetchItemWalk walk, ImapLimits limits)
    {
        if (++walk.Items > limits.MaxFetchItems)
        {
            throw new ImapProtocolException($"Malformed server response: more than the limit of {limits.MaxFetchItems} items in one FETCH response.");
        }

        walk.AfterOpen = false;
    }

    /// <summary>One element of the msg-att list: an item, a stray parenthesis, or the list's end.</summary>
    private static FetchStep Step(ref ImapReader reader, ref FetchItemWalk walk, RawValueArena? arena, bool toLiteral, out BodyLiteralItem literal)
    {
        literal = default;
        if (!reader.MoreInList(walk.AfterOpen, missingSpace: ImapQuirks.SloppyFetch))
        {
            reader.Expect((byte)')');
            if (walk.ExtraParens == 0)
            {
                return FetchStep.Closed;
            }

            walk.ExtraParens--;
            walk.AfterOpen = false;
            return FetchStep.Item;
        }

        // Lotus Domino wraps single items in a stray pair of parentheses: "(ENVELOPE (...))".
        if (reader.TryConsume((byte)'('))
        {
            reader.Tolerate(ImapQuirks.ExtraParentheses, "a FETCH item inside a stray pair of parentheses");
            reader.EnterNested(++walk.ExtraParens);
            walk.AfterOpen = true;
            return FetchStep.Item;
        }

        if (toLiteral && IsBodyLiteralAtEnd(reader, out literal))
        {
            return FetchStep.BodyLiteral;
        }

        walk.AfterOpen = false;
        if (++walk.Items > reader.Limits.MaxFetchItems)
        {
            throw reader.Error($"more than the limit of {reader.Limits.MaxFetchItems} items in one FETCH response");
        }

        ParseItem(ref reader, walk.Message, arena);
        return FetchStep.Item;
    }

    /// <summary>
    /// Whether the item at <paramref name="reader"/> is a body section (<c>BODY[…]</c>, <c>BINARY[…]</c>,
    /// <c>RFC822*</c>) whose value is the literal announced at the end of the data.
    /// </summary>
    private static bool IsBodyLiteralAtEnd(ImapReader reader, out BodyLiteralItem literal)
    {
        literal = default;
        try
        {
            if (!TryReadSectionName(ref reader, out var name, out var section, out var origin) || reader.SkipSpaces() < 0 || !reader.TryReadLiteralHeaderAtEnd())
            {
                return false;
            }

            literal = new BodyLiteralItem(name, section, origin);
            return true;
        }
        catch (ImapProtocolException)
        {
            // Not a section name (or a malformed one): parsed as an ordinary item, which reports what is wrong.
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
            message.SetEnvelope(RawValueArena.Copy(arena, reader.ReadRawValue()));
        }
        else if (reader.TryReadKeyword("BODYSTRUCTURE"u8))
        {
            ValueSpace(ref reader);
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()));
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
        var name = Ascii.EqualsIgnoreCase(atom, "BODY"u8) ? "BODY"
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
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()), extensible: false);
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

/// <summary>Where a walk over a FETCH response's msg-att list stands; kept between reads by <see cref="FetchResponseReader"/>.</summary>
internal struct FetchItemWalk(FetchedMessage message)
{
    /// <summary>The message the items go into.</summary>
    public FetchedMessage Message = message;

    /// <summary>Items read so far (capped by <see cref="ImapLimits.MaxFetchItems"/>).</summary>
    public int Items;

    /// <summary>Stray parentheses open around items (Lotus Domino).</summary>
    public int ExtraParens;

    /// <summary>Right after an opening parenthesis: the next element has no space before it.</summary>
    public bool AfterOpen = true;
}

/// <summary>Where a step of a <see cref="FetchItemWalk"/> stopped.</summary>
internal enum FetchStep
{
    /// <summary>An item was read; more may follow.</summary>
    Item,

    /// <summary>The list's closing parenthesis was read.</summary>
    Closed,

    /// <summary>The next item is a body section whose value is the literal that ends the data.</summary>
    BodyLiteral,

    /// <summary>The next item needs more than the data holds.</summary>
    NeedMore,
}

/// <summary>The body section whose literal a walk stopped at.</summary>
internal readonly record struct BodyLiteralItem(string Name, string Section, long? Origin);
