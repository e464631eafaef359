using System.Buffers;
using System.Text;
using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// Parses an ENVELOPE (RFC 3501 7.4.2): <c>(date subject from sender reply-to to cc bcc in-reply-to message-id)</c>.
/// Servers copy header fields into it with little care, so everything that does not break the token stream is
/// tolerated: missing trailing fields, extra spaces, stray NILs inside address lists, half-empty addresses.
/// </summary>
internal static class EnvelopeParser
{
    /// <summary>
    /// The options every RFC 2047 / RFC 2231 decode in the protocol layer uses. Building them registers the legacy
    /// code pages first: without that, .NET knows only a handful of charsets, and GBK, windows-1252 or KOI8-R words
    /// would come out as mojibake.
    /// </summary>
    internal static ParserOptions TextOptions { get; } = CreateTextOptions();

    public static Envelope Parse(ref ImapReader reader) => Parse(ref reader, 0);

    /// <summary>Parses an envelope.</summary>
    /// <param name="reader">The reader, at the envelope's opening parenthesis.</param>
    /// <param name="depth">The nesting depth the envelope is at.</param>
    /// <param name="deferLists">
    /// True when the reader's bytes stay as they are for the envelope's life (a <see cref="FetchedMessage"/>'s own
    /// copy): the address lists are then checked now, as strictly as when they are built, but each is built from its
    /// bytes when first read. A message list reads From, To and Cc; Sender and Reply-To, which servers fill with a
    /// copy of From, and Bcc then cost nothing.
    /// </param>
    internal static Envelope Parse(ref ImapReader reader, int depth, bool deferLists = false)
    {
        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        string? dateText = null, subject = null, inReplyTo = null, messageId = null;
        InternetAddressList? from = null, sender = null, replyTo = null, to = null, cc = null, bcc = null;
        var lists = deferLists ? new DeferredAddressLists(reader.Limits, depth + 1) : null;
        var field = 0;
        for (; reader.MoreInList(field == 0, missingSpace: ImapQuirks.SloppyEnvelope); field++)
        {
            switch (field)
            {
                case 0:
                    dateText = ReadNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope);
                    break;
                case 1:
                    subject = DecodeText(ReadNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope));
                    break;
                case 2:
                    from = ReadAddressList(ref reader, depth + 1, lists, 0);
                    break;
                case 3:
                    sender = ReadAddressList(ref reader, depth + 1, lists, 1);
                    break;
                case 4:
                    replyTo = ReadAddressList(ref reader, depth + 1, lists, 2);
                    break;
                case 5:
                    to = ReadAddressList(ref reader, depth + 1, lists, 3);
                    break;
                case 6:
                    cc = ReadAddressList(ref reader, depth + 1, lists, 4);
                    break;
                case 7:
                    bcc = ReadAddressList(ref reader, depth + 1, lists, 5);
                    break;
                case 8:
                    inReplyTo = ReadNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope);
                    break;
                case 9:
                    messageId = ReadNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope);
                    break;
                default:
                    reader.Tolerate(ImapQuirks.SloppyEnvelope, "an envelope with more than ten fields");
                    reader.SkipValue(depth + 1);
                    break;
            }
        }

        reader.Expect((byte)')');
        if (field < 10)
        {
            // Servers that drop an empty Message-ID or In-Reply-To send nine fields or fewer.
            reader.Tolerate(ImapQuirks.SloppyEnvelope, "an envelope with fewer than ten fields");
        }

        if (lists is not null)
        {
            return new Envelope(lists)
            {
                DateText = dateText,
                Date = ImapDateParser.ParseEnvelopeDate(dateText),
                Subject = subject,
                InReplyTo = inReplyTo,
                MessageId = messageId,
            };
        }

        return new Envelope
        {
            DateText = dateText,
            Date = ImapDateParser.ParseEnvelopeDate(dateText),
            Subject = subject,
            From = from ?? [],
            Sender = sender ?? [],
            ReplyTo = replyTo ?? [],
            To = to ?? [],
            Cc = cc ?? [],
            Bcc = bcc ?? [],
            InReplyTo = inReplyTo,
            MessageId = messageId,
        };
    }

    /// <summary>
    /// Parses an address list now, or (with <paramref name="lists"/>) checks it now and keeps its bytes for the first
    /// read, so that every error and every tolerated quirk is still reported when the envelope is parsed.
    /// </summary>
    private static InternetAddressList? ReadAddressList(ref ImapReader reader, int depth, DeferredAddressLists? lists, int index)
    {
        if (lists is null)
        {
            return ParseAddressList(ref reader, depth, build: true);
        }

        // NIL (or debris where a list belongs) builds an empty list: nothing to keep.
        var isList = reader.IsNext((byte)'(');
        var start = reader.Position;
        ParseAddressList(ref reader, depth, build: false);
        if (isList)
        {
            var bytes = reader.Since(start);
            lists[index] = bytes.IsSingleSegment ? bytes.First : bytes.ToArray();
        }

        return null;
    }

    /// <summary>Builds an address list kept as bytes by <see cref="ReadAddressList"/>.</summary>
    internal static InternetAddressList ParseDeferred(ReadOnlyMemory<byte> bytes, ImapLimits limits, int depth)
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>(bytes), limits);
        return ParseAddressList(ref reader, depth, build: true)!;
    }

    /// <summary>
    /// Reads an nstring. With <paramref name="sloppy"/> tolerated it also accepts a bare atom (some servers leave
    /// simple values unquoted) and skips a list where a string belongs, so that one malformed field costs that field only.
    /// </summary>
    internal static string? ReadNString(ref ImapReader reader, int depth, ImapQuirks sloppy)
    {
        switch (reader.Peek())
        {
            case (byte)'"' or (byte)'{' or (byte)'~':
                return reader.ReadString();
            case (byte)'(':
                reader.Tolerate(sloppy, "a list where a string belongs");
                reader.SkipValue(depth);
                return null;
            default:
                if (reader.TryReadNil())
                {
                    return null;
                }

                var atom = reader.ReadAtom();
                reader.Tolerate(sloppy, "an atom where a string belongs");
                return Encoding.UTF8.GetString(atom);
        }
    }

    /// <summary>
    /// Skips an nstring by the rules of <see cref="ReadNString"/>, with the same checks, and returns null for NIL and
    /// an empty string for any other value: what is needed to tell a group's start and end from a mailbox.
    /// </summary>
    private static string? SkipNString(ref ImapReader reader, int depth, ImapQuirks sloppy)
    {
        switch (reader.Peek())
        {
            case (byte)'"' when !reader.Tolerates(ImapQuirks.EightBitQuotedStrings):
                // Skipping does not check for 8-bit bytes; reading does.
                return reader.ReadString();
            case (byte)'"' or (byte)'{' or (byte)'~':
                reader.SkipValue(depth);
                return string.Empty;
            default:
                return ReadNString(ref reader, depth, sloppy) is null ? null : string.Empty;
        }
    }

    /// <summary>Decodes RFC 2047 encoded words in unstructured text (Subject, Content-Description).</summary>
    internal static string? DecodeText(string? text) =>
        text is not null && text.Contains("=?", StringComparison.Ordinal)
            ? DecodedWords.Text(text)
            : text;

    /// <summary>Decodes RFC 2047 encoded words in a phrase (display and group names).</summary>
    private static string? DecodePhrase(string? text) =>
        text is not null && text.Contains("=?", StringComparison.Ordinal)
            ? DecodedWords.Phrase(text)
            : text;

    /// <summary>
    /// <c>NIL</c> or <c>"(" 1*address ")"</c>. Group syntax (RFC 3501 7.4.2): <c>(NIL NIL "name" NIL)</c> opens a
    /// group and <c>(NIL NIL NIL NIL)</c> closes it. A group that is never closed was most likely a host-less
    /// mailbox, so it is kept as one, followed by the addresses it would have held.
    /// </summary>
    /// <param name="reader">The reader, at the list.</param>
    /// <param name="depth">The nesting depth of the list.</param>
    /// <param name="build">False to check the list only: every value is skipped, nothing is built, null is returned.</param>
    private static InternetAddressList? ParseAddressList(ref ImapReader reader, int depth, bool build)
    {
        var list = build ? new InternetAddressList() : null;
        if (!reader.IsNext((byte)'('))
        {
            if (!reader.TryReadNil())
            {
                // A string where a list belongs: nothing usable.
                reader.Tolerate(ImapQuirks.SloppyEnvelope, "a string where an address list belongs");
                reader.SkipValue(depth);
            }

            return list;
        }

        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        string? groupName = null;
        MailboxAddress? groupAsMailbox = null;
        List<InternetAddress>? members = null;
        var count = 0;

        // Addresses are written back to back; Outlook.com (like RFC 3501's own example) puts a space between them.
        for (; reader.MoreInList(count == 0, separated: false); count++)
        {
            if (!reader.IsNext((byte)'('))
            {
                // A bare NIL (SmarterMail, before the real address) or other debris between addresses.
                reader.Tolerate(ImapQuirks.SloppyEnvelope, "a value that is no address inside an address list");
                reader.SkipValue(depth + 1);
                continue;
            }

            if (list is not null && TryReadPlainAddress(ref reader, depth + 1) is { } plain)
            {
                (members ?? (ICollection<InternetAddress>)list).Add(plain);
                continue;
            }

            var (name, mailbox, host) = ParseAddress(ref reader, depth + 1, build);
            if (list is null)
            {
                continue;
            }

            if (host is null && mailbox is null && name is null)
            {
                if (members is not null)
                {
                    list.Add(new GroupAddress(groupName!, members));
                    members = null;
                    groupAsMailbox = null;
                }

                continue;
            }

            if (host is null && mailbox is not null)
            {
                if (members is not null)
                {
                    AddUnclosedGroup(list, groupAsMailbox, members);
                }

                groupName = DecodePhrase(mailbox) ?? "";
                groupAsMailbox = CreateMailbox(name, mailbox, null);
                members = [];
                continue;
            }

            if (CreateMailbox(name, mailbox, host) is { } address)
            {
                if (members is not null)
                {
                    members.Add(address);
                }
                else
                {
                    list.Add(address);
                }
            }
        }

        reader.Expect((byte)')');
        if (count == 0)
        {
            reader.Tolerate(ImapQuirks.SloppyEnvelope, "an empty address list");
        }

        if (members is not null)
        {
            AddUnclosedGroup(list!, groupAsMailbox, members);
        }

        return list;
    }

    private static void AddUnclosedGroup(InternetAddressList list, MailboxAddress? start, List<InternetAddress> members)
    {
        if (start is not null)
        {
            list.Add(start);
        }

        list.AddRange(members);
    }

    /// <summary>
    /// <c>(name adl mailbox host)</c>; the source route (adl) is obsolete and dropped. More than four values mean the
    /// name spilled over: DavMail counts a raw UTF-8 name's literal length in characters, not bytes, so the rest of the
    /// name (with its unescaped quotes) arrives as extra tokens. The last two values are still mailbox and host, and
    /// the name is rebuilt from everything before the adl.
    /// </summary>
    private static (string? Name, string? Mailbox, string? Host) ParseAddress(ref ImapReader reader, int depth, bool build)
    {
        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        string? name = null, adl = null, mailbox = null, host = null;
        bool adlQuoted = false, mailboxQuoted = false, hostQuoted = false;
        List<(string? Value, bool Quoted)>? spilled = null;
        var field = 0;
        for (; reader.MoreInList(field == 0, missingSpace: ImapQuirks.SloppyEnvelope); field++)
        {
            var quoted = reader.IsNext((byte)'"');
            var value = build ? ReadNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope) : SkipNString(ref reader, depth + 1, ImapQuirks.SloppyEnvelope);
            switch (field)
            {
                case 0:
                    name = value;
                    break;
                case 1:
                    (adl, adlQuoted) = (value, quoted);
                    break;
                case 2:
                    (mailbox, mailboxQuoted) = (value, quoted);
                    break;
                case 3:
                    (host, hostQuoted) = (value, quoted);
                    break;
                case 4:
                    reader.Tolerate(ImapQuirks.SpilledAddressNames, "an address with more than four fields");
                    spilled = [(name, false), (adl, adlQuoted), (mailbox, mailboxQuoted), (host, hostQuoted), (value, quoted)];
                    break;
                default:
                    spilled!.Add((value, quoted));
                    break;
            }
        }

        reader.Expect((byte)')');
        if (field < 4)
        {
            reader.Tolerate(ImapQuirks.SloppyEnvelope, "an address with fewer than four fields");
            return FillFromTheEnd(field, name, adl, mailbox);
        }

        return spilled is null ? (name, mailbox, host) : Respill(spilled);
    }

    /// <summary>
    /// An address short of fields is read the way an overlong one is: the last two values are the mailbox and the
    /// host, and whatever comes before them is the name. The field that servers drop is the obsolete source route, so
    /// <c>("Terry Gray" "gray" "cac.washington.edu")</c> is Terry Gray at gray@cac.washington.edu. A lone value is a
    /// name: one part of an addr-spec makes no address.
    /// </summary>
    private static (string? Name, string? Mailbox, string? Host) FillFromTheEnd(int count, string? first, string? second, string? third) =>
        count switch
        {
            3 => (first, second, third),
            2 => (null, first, second),
            _ => (first, null, null),
        };

    private static (string? Name, string? Mailbox, string? Host) Respill(List<(string? Value, bool Quoted)> values)
    {
        var name = new StringBuilder();
        for (var i = 0; i < values.Count - 3; i++)
        {
            if (values[i].Value is not { } part)
            {
                continue;
            }

            if (name.Length > 0)
            {
                name.Append(' ');
            }

            // A quoted token after the first one was a quoted word inside the name: the quotes were part of it.
            if (i > 0 && values[i].Quoted)
            {
                name.Append('"').Append(part).Append('"');
            }
            else
            {
                name.Append(part);
            }
        }

        return (name.Length == 0 ? null : name.ToString(), values[^2].Value, values[^1].Value);
    }

    /// <summary>
    /// Builds a mailbox without ever throwing: MimeKit validates the addr-spec, and servers hand over whatever the
    /// header held. An invalid local-part is retried quoted (RFC 5322 allows any text there); an address that still
    /// does not parse survives as a display name, and a part with neither name nor mailbox is dropped.
    /// </summary>
    private static MailboxAddress? CreateMailbox(string? rawName, string? mailbox, string? host)
    {
        // An empty display name is no name: servers send "" and NIL for the same missing phrase.
        var name = DecodePhrase(rawName) is { Length: > 0 } decoded ? decoded : null;
        if (string.IsNullOrEmpty(mailbox))
        {
            // Exchange sends (name NIL NIL ".MISSING-HOST-NAME.") for senders it cannot render.
            return name is null ? null : new MailboxAddress(name, "");
        }

        if (TryParseAddrSpec(mailbox, host) is { } parsed)
        {
            parsed.Name = name;
            return parsed;
        }

        var addrSpec = string.IsNullOrEmpty(host) ? mailbox : string.Concat(mailbox, "@", host);

        var quoted = string.Concat("\"", mailbox.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal), "\"");
        var quotedSpec = string.IsNullOrEmpty(host) ? quoted : string.Concat(quoted, "@", host);
        if (MailboxAddress.TryParse(TextOptions, quotedSpec, out var quotedParsed) && quotedParsed.Route.Count == 0)
        {
            quotedParsed.Name = name;
            return quotedParsed;
        }

        return new MailboxAddress(name ?? addrSpec, "");
    }

    /// <summary>
    /// The common address, read straight from the buffer: <c>(name NIL "mailbox" "host")</c> with the name NIL or
    /// quoted, the mailbox and host quoted, none with a backslash or a line end, all in view. The mailbox and host
    /// go to MimeKit as bytes without becoming strings first. Anything else (literals, escapes, NIL mailbox or host,
    /// a group marker, an addr-spec MimeKit rejects, a quirk to check) returns null with nothing read, for
    /// <see cref="ParseAddress"/>; what this path returns is what that path would have.
    /// </summary>
    private static MailboxAddress? TryReadPlainAddress(ref ImapReader reader, int depth)
    {
        var span = reader.UnreadSpan;
        if (span.Length < 2 || span[0] != (byte)'(')
        {
            return null;
        }

        var at = 1;
        ReadOnlySpan<byte> name = default;
        var hasName = false;
        if (span[at..].StartsWith("NIL "u8))
        {
            at += 4;
        }
        else if (TryPlainQuoted(span, ref at, (byte)' ', out name))
        {
            hasName = true;
            at++;
        }
        else
        {
            return null;
        }

        if (!span[at..].StartsWith("NIL "u8))
        {
            return null;
        }

        at += 4;
        if (!TryPlainQuoted(span, ref at, (byte)' ', out var mailbox) || mailbox.IsEmpty)
        {
            return null;
        }

        at++;
        if (!TryPlainQuoted(span, ref at, (byte)')', out var host) || host.IsEmpty)
        {
            return null;
        }

        at++;
        if ((mailbox.ContainsAnyInRange((byte)0x80, (byte)0xff) || host.ContainsAnyInRange((byte)0x80, (byte)0xff)
            || name.ContainsAnyInRange((byte)0x80, (byte)0xff)) && !reader.Tolerates(ImapQuirks.EightBitQuotedStrings))
        {
            return null;
        }

        var buffer = AddrSpecBuffer(mailbox.Length + 1 + host.Length);
        mailbox.CopyTo(buffer);
        buffer[mailbox.Length] = (byte)'@';
        host.CopyTo(buffer.AsSpan(mailbox.Length + 1));
        if (!MailboxAddress.TryParse(TextOptions, buffer, 0, mailbox.Length + 1 + host.Length, out var parsed) || parsed.Route.Count != 0)
        {
            return null;
        }

        reader.EnterNested(depth);
        parsed.Name = hasName && !name.IsEmpty && DecodePhrase(Encoding.UTF8.GetString(name)) is { Length: > 0 } decoded ? decoded : null;

        reader.Advance(at);
        return parsed;
    }

    /// <summary>
    /// A quoted string at <paramref name="at"/> without backslashes or line ends, whose closing quote is followed by
    /// <paramref name="next"/>; <paramref name="at"/> is left on that byte.
    /// </summary>
    private static bool TryPlainQuoted(ReadOnlySpan<byte> span, scoped ref int at, byte next, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (at >= span.Length || span[at] != (byte)'"')
        {
            return false;
        }

        var rest = span[(at + 1)..];
        var stop = rest.IndexOfAny("\\\"\r\n"u8);
        if (stop < 0 || rest[stop] != (byte)'"' || stop + 1 >= rest.Length || rest[stop + 1] != next)
        {
            return false;
        }

        value = rest[..stop];
        at += stop + 2;
        return true;
    }

    /// <summary>This thread's buffer for an addr-spec's UTF-8 bytes, which MimeKit parses.</summary>
    [ThreadStatic]
    private static byte[]? _addrSpecBytes;

    /// <summary>
    /// MimeKit's parse of <c>mailbox@host</c> (or the mailbox alone), given its bytes straight from a reused buffer
    /// rather than a joined string it would convert again. Null when it is no plain addr-spec.
    /// </summary>
    private static MailboxAddress? TryParseAddrSpec(string mailbox, string? host)
    {
        var buffer = AddrSpecBuffer(Encoding.UTF8.GetMaxByteCount(mailbox.Length + 1 + (host?.Length ?? 0)));
        var written = Encoding.UTF8.GetBytes(mailbox, buffer);
        if (!string.IsNullOrEmpty(host))
        {
            buffer[written++] = (byte)'@';
            written += Encoding.UTF8.GetBytes(host, buffer.AsSpan(written));
        }

        return MailboxAddress.TryParse(TextOptions, buffer, 0, written, out var parsed) && parsed.Route.Count == 0 ? parsed : null;
    }

    private static byte[] AddrSpecBuffer(int length) =>
        _addrSpecBytes is { } kept && kept.Length >= length ? kept : _addrSpecBytes = new byte[Math.Max(256, length)];

    private static ParserOptions CreateTextOptions()
    {
        TextEncodings.EnsureRegistered();
        return new ParserOptions();
    }
}
