using System.Buffers;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>Parses the msg-att list of <c>* n FETCH (…)</c>. Unknown items are skipped, never fatal.</summary>
internal static class FetchParser
{
    public static FetchedMessage ParseMessage(ref ImapReader reader, uint sequenceNumber, RawValueArena? arena)
    {
        var message = new FetchedMessage(sequenceNumber);
        reader.Expect((byte)'(');
        var extraParens = 0;
        var items = 0;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                if (extraParens == 0)
                {
                    return message;
                }

                extraParens--;
                continue;
            }

            // Lotus Domino wraps single items in a stray pair of parentheses: "(ENVELOPE (...))".
            if (reader.TryConsume((byte)'('))
            {
                reader.EnterNested(++extraParens);
                continue;
            }

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
            message = new FetchedMessage(sequenceNumber);
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
        if (name.StartsWith("RFC822", StringComparison.Ordinal))
        {
            section = name == "RFC822" ? "" : name["RFC822.".Length..];
            return true;
        }

        if (name.Length == 0 || !reader.TryConsume((byte)'['))
        {
            return false;
        }

        section = Encoding.ASCII.GetString(reader.ReadUntil((byte)']'));
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
            reader.SkipSpaces();
            message.Flags = ResponseParser.ParseFlagList(ref reader);
        }
        else if (reader.TryReadKeyword("UID"u8))
        {
            reader.SkipSpaces();
            message.Uid = reader.ReadNumber();
        }
        else if (reader.TryReadKeyword("RFC822.SIZE"u8))
        {
            reader.SkipSpaces();
            message.Size = reader.TryReadNil() ? null : (long)reader.ReadNumber64();
        }
        else if (reader.TryReadKeyword("INTERNALDATE"u8))
        {
            reader.SkipSpaces();
            Span<char> chars = stackalloc char[40];
            if (reader.TryReadShortQuoted(chars, out var length))
            {
                message.InternalDate = ImapDateParser.ParseInternalDate(chars[..length]);
            }
            else
            {
                var text = reader.ReadNString();
                message.InternalDate = text is null ? null : ImapDateParser.ParseInternalDate(text);
            }
        }
        else if (reader.TryReadKeyword("ENVELOPE"u8))
        {
            reader.SkipSpaces();
            message.SetEnvelope(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits);
        }
        else if (reader.TryReadKeyword("BODYSTRUCTURE"u8))
        {
            reader.SkipSpaces();
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits);
        }
        else if (reader.TryReadKeyword("MODSEQ"u8))
        {
            reader.SkipSpaces();
            reader.Expect((byte)'(');
            message.ModSeq = reader.ReadNumber64();
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
        if (name == "BODY" && !reader.IsNext((byte)'['))
        {
            // "BODY (...)": the non-extensible body structure.
            reader.SkipSpaces();
            message.SetBodyStructure(RawValueArena.Copy(arena, reader.ReadRawValue()), reader.Limits);
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

            if (reader.SkipSpaces() > 0 && !reader.IsNext((byte)')'))
            {
                reader.SkipValue();
            }

            return;
        }

        var section = SectionName(reader.ReadUntil((byte)']'));
        reader.Expect((byte)']');
        long? origin = null;
        if (reader.TryConsume((byte)'<'))
        {
            origin = (long)reader.ReadDigits();
            reader.Expect((byte)'>');
        }

        ReadSectionValue(ref reader, message, name, section, origin, arena);
    }

    /// <summary>The section between the brackets; the ones every message of a big FETCH repeats are not allocated.</summary>
    private static string SectionName(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            var span = bytes.FirstSpan;
            if (span.IsEmpty)
            {
                return "";
            }

            if (span.SequenceEqual("HEADER"u8))
            {
                return "HEADER";
            }

            if (span.SequenceEqual("TEXT"u8))
            {
                return "TEXT";
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    private static void ReadSectionValue(ref ImapReader reader, FetchedMessage message, string name, string section, long? origin, RawValueArena? arena)
    {
        reader.SkipSpaces();

        // Yandex sends "BODY[2] )" for an empty part: no value at all. Treat it as NIL.
        if (reader.IsNext((byte)')'))
        {
            message.AddSection(new FetchedBodySection(name, section, origin, null));
            return;
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
    }
}
