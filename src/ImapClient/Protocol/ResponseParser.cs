using System.Buffers;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>Parses one complete response (as found by <see cref="ResponseScanner"/>) into a typed value. Pure.</summary>
internal static class ResponseParser
{
    static ResponseParser() => TextEncodings.EnsureRegistered();

    /// <param name="response">One complete response.</param>
    /// <param name="limits">The caps on what the server may send.</param>
    /// <param name="arena">Where values parsed on demand keep their bytes; null gives each its own array.</param>
    /// <param name="utf8Names">True once UTF-8 mailbox names were agreed (ENABLE UTF8=ACCEPT); otherwise modified UTF-7.</param>
    /// <param name="deferTags">
    /// True for the session: a completion's tag comes back packed in <see cref="ParsedResponse.TagKey"/> and the
    /// response's tag is left for the session to fill in with its command's own string.
    /// </param>
    public static ParsedResponse Parse(
        in ReadOnlySequence<byte> response, ImapLimits limits, RawValueArena? arena = null, bool utf8Names = false, bool deferTags = false)
    {
        var reader = new ImapReader(response, limits);
        if (reader.TryConsume((byte)'+'))
        {
            if (!reader.TryConsume((byte)' '))
            {
                reader.Tolerate(ImapQuirks.MissingResponseText, "a continuation request without the space after '+'");
            }

            var text = reader.ReadTextToLineEnd();
            reader.ExpectLineEnd();
            return new ParsedResponse(ResponseKind.Continuation, new ImapContinuationResponse(text));
        }

        if (reader.TryConsume((byte)'*'))
        {
            reader.ExpectSpace();
            var untagged = ParseUntagged(ref reader, arena, utf8Names);
            reader.ExpectLineEnd();
            return untagged;
        }

        if (reader.IsNext((byte)'['))
        {
            // Exchange answers UID MOVE with a line that is only "[COPYUID …]": an untagged OK without "* OK".
            reader.Tolerate(ImapQuirks.StrayBrackets, "a response that is only a bracketed response code");
            var bare = ParseStatusRest(ref reader, null, ImapStatus.Ok, codeOnly: true);
            reader.ExpectLineEnd();
            return new ParsedResponse(ResponseKind.Untagged, bare);
        }

        var tagBytes = reader.ReadAtom();
        ulong tagKey = 0;
        var tag = deferTags && TagKey.TryPack(tagBytes, out tagKey) ? null : Encoding.ASCII.GetString(tagBytes);
        reader.ExpectSpace();
        var status = ParseStatusKeyword(ref reader) ?? throw reader.Error("expected OK, NO or BAD after the tag");
        if (status == ImapStatus.PreAuth)
        {
            throw reader.Error("PREAUTH as a tagged completion");
        }

        if (status == ImapStatus.Bye)
        {
            reader.Tolerate(ImapQuirks.TaggedBye, "BYE as a tagged completion");
        }

        var tagged = ParseStatusRest(ref reader, tag, status);
        reader.ExpectLineEnd();
        return new ParsedResponse(tagged, tagKey);
    }

    /// <summary>
    /// Describes a complete response that <see cref="Parse"/> rejected: its tag or number and keyword, read as far
    /// as they can be, so the session can route the failure to the one command it concerns.
    /// </summary>
    public static ParsedResponse DescribeUnparsable(in ReadOnlySequence<byte> response, ImapLimits limits, ImapProtocolException error)
    {
        var reader = new ImapReader(response, limits);
        string? tag = null;
        uint? number = null;
        var keyword = "";
        try
        {
            if (reader.TryConsume((byte)'*'))
            {
                reader.SkipAnySpaces();
                if (reader.NextIsDigit)
                {
                    number = reader.ReadNumber();
                    reader.SkipAnySpaces();
                }
            }
            else
            {
                tag = reader.ReadAtomString();
                reader.SkipAnySpaces();
            }

            keyword = reader.ReadAtomString().ToUpperInvariant();
        }
        catch (ImapProtocolException)
        {
            // As much as could be read is enough: the tag, if any, was read first.
        }

        var unparsable = new ImapUnparsableResponse(tag, number, keyword, error);
        return new ParsedResponse(tag is null ? ResponseKind.Untagged : ResponseKind.Tagged, unparsable);
    }

    private static ParsedResponse Untagged(ImapResponse response) => new(ResponseKind.Untagged, response);

    private static ParsedResponse ParseUntagged(ref ImapReader reader, RawValueArena? arena, bool utf8Names)
    {
        if (reader.NextIsDigit)
        {
            var number = reader.ReadNumber();
            reader.ExpectSpace();
            if (reader.TryReadKeyword("FETCH"u8))
            {
                CheckSequenceNumber(ref reader, number);
                if (reader.SkipSpaces() == 0)
                {
                    reader.Tolerate(ImapQuirks.SloppyFetch, "no space before the FETCH data");
                }

                return new ParsedResponse(FetchParser.ParseMessage(ref reader, number, arena));
            }

            if (reader.TryReadKeyword("EXISTS"u8))
            {
                return Untagged(new ImapExistsResponse(number));
            }

            if (reader.TryReadKeyword("RECENT"u8))
            {
                return Untagged(new ImapRecentResponse(number));
            }

            if (reader.TryReadKeyword("EXPUNGE"u8))
            {
                CheckSequenceNumber(ref reader, number);
                return Untagged(new ImapExpungeResponse(number));
            }

            var keyword = reader.ReadAtomString().ToUpperInvariant();
            return Untagged(new ImapUnknownResponse(keyword, $"{number} {keyword}{ReadRest(ref reader)}"));
        }

        // First among the keywords: a LIST answer is thousands of these lines.
        if (reader.TryReadKeyword("LIST"u8))
        {
            return new ParsedResponse(ListResponseParser.Parse(ref reader, isLsub: false, utf8Names), isLsub: false);
        }

        if (ParseStatusKeyword(ref reader) is { } status)
        {
            return Untagged(ParseStatusRest(ref reader, null, status));
        }

        if (reader.IsNext((byte)'['))
        {
            // home.pl sends "* [COPYUID …]": a response code with no status before it.
            reader.Tolerate(ImapQuirks.StrayBrackets, "a response code with no status before it");
            return Untagged(ParseStatusRest(ref reader, null, ImapStatus.Ok, codeOnly: true));
        }

        if (reader.TryReadKeyword("CAPABILITY"u8))
        {
            return Untagged(new ImapCapabilityResponse(ParseCapabilities(ref reader)));
        }

        if (reader.TryReadKeyword("FLAGS"u8))
        {
            reader.ExpectSpaces();
            return Untagged(new ImapFlagsResponse(ParseFlagList(ref reader)));
        }

        if (reader.TryReadKeyword("SEARCH"u8))
        {
            var (numbers, modSeq) = SearchResponseParser.ParseNumbers(ref reader);
            return Untagged(new ImapSearchResponse(numbers, modSeq));
        }

        if (reader.TryReadKeyword("ESEARCH"u8))
        {
            return Untagged(SearchResponseParser.ParseESearch(ref reader));
        }

        if (reader.TryReadKeyword("SORT"u8))
        {
            var (numbers, modSeq) = SearchResponseParser.ParseNumbers(ref reader);
            return Untagged(new ImapSortResponse(numbers, modSeq));
        }

        if (reader.TryReadKeyword("THREAD"u8))
        {
            return Untagged(new ImapThreadResponse(SearchResponseParser.ParseThreads(ref reader)));
        }

        if (reader.TryReadKeyword("LSUB"u8))
        {
            return new ParsedResponse(ListResponseParser.Parse(ref reader, isLsub: true, utf8Names), isLsub: true);
        }

        if (reader.TryReadKeyword("VANISHED"u8))
        {
            // RFC 7162: "VANISHED" [SP "(EARLIER)"] SP known-uids.
            reader.ExpectSpace();
            var earlier = false;
            if (reader.TryConsume((byte)'('))
            {
                earlier = reader.TryReadKeyword("EARLIER"u8);
                reader.Expect((byte)')');
                reader.ExpectSpace();
            }

            return Untagged(new ImapVanishedResponse(earlier, ResponseCodeParser.ReadSequenceSet(ref reader)));
        }

        if (reader.TryReadKeyword("STATUS"u8))
        {
            return Untagged(StatusResponseParser.Parse(ref reader, utf8Names));
        }

        if (reader.TryReadKeyword("NAMESPACE"u8))
        {
            return Untagged(NamespaceResponseParser.Parse(ref reader, utf8Names));
        }

        if (reader.TryReadKeyword("ENABLED"u8))
        {
            return Untagged(new ImapEnabledResponse(ParseCapabilities(ref reader)));
        }

        if (reader.TryReadKeyword("ID"u8))
        {
            return Untagged(IdResponseParser.Parse(ref reader));
        }

        var name = reader.ReadAtomString().ToUpperInvariant();
        return Untagged(new ImapUnknownResponse(name, name + ReadRest(ref reader)));
    }

    private static ImapStatus? ParseStatusKeyword(ref ImapReader reader)
    {
        if (reader.TryReadKeyword("OK"u8))
        {
            return ImapStatus.Ok;
        }

        if (reader.TryReadKeyword("NO"u8))
        {
            return ImapStatus.No;
        }

        if (reader.TryReadKeyword("BAD"u8))
        {
            return ImapStatus.Bad;
        }

        if (reader.TryReadKeyword("PREAUTH"u8))
        {
            return ImapStatus.PreAuth;
        }

        return reader.TryReadKeyword("BYE"u8) ? ImapStatus.Bye : null;
    }

    /// <summary>Sequence numbers are nz-numbers; Courier sends <c>* 0 FETCH</c>.</summary>
    private static void CheckSequenceNumber(ref ImapReader reader, uint number)
    {
        if (number == 0)
        {
            reader.Tolerate(ImapQuirks.InvalidNumbers, "message sequence number 0");
        }
    }

    /// <summary>
    /// resp-text after the status: <c>SP ["[" code "]" SP] text</c>, where RFC 9051 lets the text be empty. Servers
    /// leave out the text and its space, and send a <c>[</c> that opens no response code.
    /// </summary>
    /// <param name="reader">Positioned after the status keyword, or at the <c>[</c> of a response that is only a code.</param>
    /// <param name="tag">The tag, or null for an untagged response.</param>
    /// <param name="status">The status the response carries.</param>
    /// <param name="codeOnly">The response is only a bracketed code (no status keyword): its text may be missing too.</param>
    private static ImapStatusResponse ParseStatusRest(ref ImapReader reader, string? tag, ImapStatus status, bool codeOnly = false)
    {
        if (!codeOnly)
        {
            var spaces = reader.SkipSpaces();
            if (reader.AtLineEnd)
            {
                if (spaces == 0)
                {
                    reader.Tolerate(ImapQuirks.MissingResponseText, "a status response without text");
                }

                return new ImapStatusResponse(tag, status, null, "");
            }

            if (spaces == 0)
            {
                reader.Tolerate(ImapQuirks.MissingResponseText, "no space after the status");
            }
        }

        ImapResponseCode? code = null;
        if (reader.IsNext((byte)'['))
        {
            if (reader.NextLooksLikeResponseCode())
            {
                reader.Advance(1);
                code = ResponseCodeParser.Parse(ref reader);
                reader.Expect((byte)']');
                var spaces = reader.SkipSpaces();
                if (spaces == 0 && !codeOnly)
                {
                    reader.Tolerate(ImapQuirks.MissingResponseText, reader.AtLineEnd ? "a response code without text" : "no space after the response code");
                }
            }
            else
            {
                // Exchange Online: "OK [Error="…" Proxy=…] AUTHENTICATE completed." The whole line is text.
                reader.Tolerate(ImapQuirks.StrayBrackets, "a '[' that opens no response code");
            }
        }

        var text = reader.ReadTextToLineEnd();
        return new ImapStatusResponse(tag, status, code, text);
    }

    internal static ImapCapabilities ParseCapabilities(ref ImapReader reader)
    {
        var atoms = new List<string>();
        while (true)
        {
            var spaces = reader.SkipSpaces();
            if (reader.IsNext((byte)']'))
            {
                break;
            }

            if (reader.AtLineEndAfter(spaces))
            {
                break;
            }

            atoms.Add(ReadCapabilityAtom(ref reader));
        }

        return CapabilityCache.Get(atoms);
    }

    private static string ReadCapabilityAtom(ref ImapReader reader)
    {
        // A capability atom may hold '[' only in theory; stop at ']' for the response-code form.
        var bytes = reader.ReadAtom();
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary><c>"(" [flag *(SP flag)] ")"</c>, where a flag is <c>\Atom</c>, a keyword atom, or <c>\*</c>.</summary>
    internal static MessageFlags ParseFlagList(ref ImapReader reader)
    {
        reader.Expect((byte)'(');
        var system = SystemFlags.None;
        List<string>? keywords = null;
        var any = false;
        for (var first = true; reader.MoreInList(first); first = false)
        {
            var atom = reader.ReadBracketedAtom(isFlag: true);
            if (atom.SequenceEqual("\\*"u8))
            {
                any = true;
                continue;
            }

            var flag = SystemFlagNames.Parse(atom);
            if (flag != SystemFlags.None)
            {
                system |= flag;
            }
            else
            {
                (keywords ??= []).Add(Encoding.UTF8.GetString(atom));
            }
        }

        reader.Expect((byte)')');
        return keywords is null && !any
            ? MessageFlags.ForSystem(system)
            : MessageFlags.FromServer(system, keywords is null ? [] : keywords, any);
    }

    private static string ReadRest(ref ImapReader reader) => reader.ReadRemainingText();
}
