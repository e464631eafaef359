using System.Globalization;
using System.Text;
using ImapClient.TestServer;

namespace ImapClient.Benchmarks.Corpus;

/// <summary>
/// Deterministic, varied messages for the benchmarks: plain text, multipart/alternative, multipart/mixed with
/// attachments and nested multiparts; RFC 2047 subjects and display names in UTF-8 and legacy charsets (Latin,
/// Cyrillic, Greek, Japanese, Chinese, Korean); several recipients, Cc lists, now and then a group (named or
/// undisclosed-recipients); replies with In-Reply-To and References. The same seed always gives the same bytes, so
/// a capture can be regenerated and the server benchmarks fetch what the replay benchmarks parse.
/// </summary>
internal static class MessageCorpus
{
    private static readonly string[] FirstNames =
    [
        "Anna", "Bernd", "Chloé", "Dmitri", "Elif", "François", "Greta", "Hiroshi", "Inès", "Jürgen", "Kateřina", "Luca",
        "Mei", "Nils", "Olga", "Pedro", "Quentin", "Rosa", "Søren", "Tomás", "Ulla", "Vera", "Wojciech", "Xiu", "Yusuf", "Zoë",
    ];

    private static readonly string[] LastNames =
    [
        "Albrecht", "Bauer", "Castillo", "Dubois", "Eriksson", "Fischer", "García", "Hoffmann", "Ivanova", "Jensen",
        "Kowalski", "Lefèvre", "Müller", "Nakamura", "O'Brien", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka",
    ];

    private static readonly string[] Domains =
        ["example.org", "example.com", "mail.example.net", "lists.example.org", "corp.example.com", "uni-example.de"];

    private static readonly string[] Words =
    [
        "quarterly", "report", "meeting", "agenda", "budget", "draft", "review", "release", "notes", "invoice", "schedule",
        "project", "update", "proposal", "contract", "travel", "conference", "minutes", "deadline", "feedback", "design",
        "server", "migration", "backup", "holiday", "team", "lunch", "question", "summary", "plan", "roadmap", "status",
    ];

    private static readonly string[] ForeignSubjects =
    [
        "Überprüfung der Änderungen", "Réunion de l'équipe à Genève", "Предложение по проекту", "会議の議事録",
        "Łódź — harmonogram spotkań", "Ελληνικά δεδομένα", "Zusammenfassung für März", "Café crème et croissants",
        "Año nuevo, presupuesto nuevo", "Fråga om fakturan", "数据迁移计划", "Çalışma takvimi",
    ];

    private static readonly string[] BodyLines =
    [
        "Please find the latest figures below; let me know if anything looks off.",
        "As discussed in yesterday's call, we will move the deadline by one week.",
        "The attached document contains the revised version with all comments addressed.",
        "Could you confirm the room booking for Thursday afternoon?",
        "Thanks for the quick turnaround, this looks good to me.",
        "I have updated the spreadsheet and pushed the changes to the shared folder.",
        "Reminder: the server maintenance window starts at 22:00 UTC on Saturday.",
        "We still need sign-off from legal before the contract can go out.",
    ];

    /// <summary>The messages of the summary workloads: about 5 KB on average, one in five with attachments.</summary>
    /// <param name="count">How many; the first <c>n</c> of a larger count are the same as a count of <c>n</c>.</param>
    /// <param name="seed">Seeds the generator: the same seed and count give the same messages.</param>
    public static IEnumerable<SeedMessage> Summaries(int count, int seed = 20261126)
    {
        for (var i = 0; i < count; i++)
        {
            // One generator per message (HashCode is randomised per process, so plain arithmetic), so a prefix of
            // the corpus does not depend on its length.
            var random = new Random(unchecked((seed * 1_000_003) + i));
            yield return Build(random, i, largeAttachment: 0);
        }
    }

    /// <summary>
    /// Messages of about <paramref name="approximateSize"/> bytes for the download and body-parsing workloads, as
    /// varied as real mail: text and one big attachment, several attachments, text with an HTML alternative and an
    /// attachment, a forwarded message carrying one; names, subjects and file names RFC 2047 encoded in several
    /// charsets (UTF-8, ISO-8859-1/2/7/9, windows-1252, KOI8-R, ISO-2022-JP, GB2312), some text parts in a legacy charset.
    /// </summary>
    public static IEnumerable<SeedMessage> Large(int count, int approximateSize = 100 * 1024, int seed = 424242)
    {
        for (var i = 0; i < count; i++)
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            yield return Build(random, i, largeAttachment: approximateSize * 3 / 4);
        }
    }

    private static SeedMessage Build(Random random, int index, int largeAttachment)
    {
        var text = new StringBuilder(4096);
        var date = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(random.Next(-8, 10)))
            .AddMinutes(index * 97 + random.Next(60));
        var anyCharset = largeAttachment > 0;
        var from = Mailbox(random, anyCharset);
        var isReply = random.Next(4) == 0;
        var subject = Subject(random, isReply, anyCharset);
        text.Append("Return-Path: <").Append(from.Address).Append(">\r\n");
        text.Append("Received: from mx").Append(random.Next(1, 9)).Append(".example.net (mx.example.net [192.0.2.")
            .Append(random.Next(1, 254)).Append("])\r\n\tby imap.example.org with ESMTPS id ")
            .Append(random.NextInt64(1L << 40, 1L << 48).ToString("x", CultureInfo.InvariantCulture))
            .Append("\r\n\tfor <testuser@example.org>; ").Append(Rfc5322Date(date)).Append("\r\n");
        text.Append("Date: ").Append(Rfc5322Date(date)).Append("\r\n");
        text.Append("From: ").Append(from.Header).Append("\r\n");
        AppendAddressList(text, "To", random, 1 + random.Next(random.Next(3) == 0 ? 8 : 3), anyCharset);
        if (random.Next(3) == 0)
        {
            AppendAddressList(text, "Cc", random, 1 + random.Next(4), anyCharset);
        }

        if (random.Next(10) == 0)
        {
            text.Append("Reply-To: ").Append(Mailbox(random, anyCharset).Header).Append("\r\n");
        }

        text.Append("Subject: ").Append(subject).Append("\r\n");
        text.Append("Message-ID: <").Append(MessageId(random, index)).Append(">\r\n");
        if (isReply)
        {
            var parent = MessageId(random, Math.Max(0, index - 1 - random.Next(20)));
            text.Append("In-Reply-To: <").Append(parent).Append(">\r\n");
            text.Append("References: <").Append(MessageId(random, Math.Max(0, index - 40))).Append(">\r\n <").Append(parent).Append(">\r\n");
        }

        if (random.Next(5) == 0)
        {
            text.Append("List-Id: Team discussion <team.lists.example.org>\r\n");
        }

        text.Append("MIME-Version: 1.0\r\n");
        text.Append("X-Mailer: Benchmark Corpus ").Append(1 + random.Next(9)).Append(".0\r\n");

        var kind = largeAttachment > 0 ? 7 : random.Next(10);
        if (largeAttachment > 0)
        {
            return BuildLarge(random, text, date, index, largeAttachment);
        }

        var body = new StringBuilder(2048);
        AppendParagraphs(body, random, 2 + random.Next(6));
        switch (kind)
        {
            case <= 4: // text/plain, some Latin-1 quoted-printable
                if (random.Next(3) == 0)
                {
                    text.Append("Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                    text.Append(body.ToString().Replace("e", "=E9", StringComparison.Ordinal));
                }
                else
                {
                    text.Append("Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
                    text.Append(body);
                }

                break;
            case <= 6: // multipart/alternative
                var alt = Boundary(random);
                text.Append("Content-Type: multipart/alternative; boundary=\"").Append(alt).Append("\"\r\n\r\n");
                AppendAlternative(text, alt, body);
                break;
            case <= 8: // multipart/mixed: text and one to three attachments
                var mixed = Boundary(random);
                text.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n");
                text.Append("This is a multi-part message in MIME format.\r\n");
                text.Append("--").Append(mixed).Append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").Append(body);
                var attachments = largeAttachment > 0 ? 1 : 1 + random.Next(3);
                for (var a = 0; a < attachments; a++)
                {
                    AppendAttachment(text, mixed, random, largeAttachment > 0 ? largeAttachment : 1024 + random.Next(12 * 1024));
                }

                text.Append("--").Append(mixed).Append("--\r\n");
                break;
            default: // multipart/mixed holding multipart/alternative and an attachment, or a forwarded message
                var outer = Boundary(random);
                text.Append("Content-Type: multipart/mixed; boundary=\"").Append(outer).Append("\"\r\n\r\n");
                var inner = Boundary(random);
                text.Append("--").Append(outer).Append("\r\nContent-Type: multipart/alternative; boundary=\"").Append(inner).Append("\"\r\n\r\n");
                AppendAlternative(text, inner, body);
                if (random.Next(2) == 0)
                {
                    AppendAttachment(text, outer, random, 512 + random.Next(8 * 1024));
                }
                else
                {
                    text.Append("--").Append(outer).Append("\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n");
                    text.Append("From: ").Append(Mailbox(random).Header).Append("\r\nTo: ").Append(Mailbox(random).Header)
                        .Append("\r\nSubject: ").Append(Subject(random, false)).Append("\r\nDate: ").Append(Rfc5322Date(date.AddDays(-3)))
                        .Append("\r\nMessage-ID: <").Append(MessageId(random, index + 1_000_000)).Append(">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
                    AppendParagraphs(text, random, 2);
                }

                text.Append("--").Append(outer).Append("--\r\n");
                break;
        }

        var flags = random.Next(10) switch
        {
            <= 5 => "S",
            6 => "SF",
            7 => "RS",
            _ => "",
        };
        return new SeedMessage(Encoding.UTF8.GetBytes(text.ToString()), date.AddSeconds(random.Next(5, 600)), flags);
    }

    /// <summary>
    /// The body of a large message: the header so far, then one of four shapes whose attachments add up to about
    /// <paramref name="attachmentBytes"/>. Only the large corpus comes here, so the summaries corpus (and its capture)
    /// keeps its bytes.
    /// </summary>
    private static SeedMessage BuildLarge(Random random, StringBuilder text, DateTimeOffset date, int index, int attachmentBytes)
    {
        var body = new StringBuilder(2048);
        AppendParagraphs(body, random, 2 + random.Next(6));
        var mixed = Boundary(random);
        text.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n");
        text.Append("This is a multi-part message in MIME format.\r\n");
        switch (index % 4)
        {
            case 0: // text and one big attachment
                text.Append("--").Append(mixed).Append("\r\n");
                AppendLegacyText(text, random, body);
                AppendAttachment(text, mixed, random, attachmentBytes, anyCharset: true);
                break;
            case 1: // text and two to four attachments sharing the size
                text.Append("--").Append(mixed).Append("\r\n");
                AppendLegacyText(text, random, body);
                var attachments = 2 + random.Next(3);
                for (var a = 0; a < attachments; a++)
                {
                    AppendAttachment(text, mixed, random, attachmentBytes / attachments, anyCharset: true);
                }

                break;
            case 2: // text with an HTML alternative, then an attachment
                var alternative = Boundary(random);
                text.Append("--").Append(mixed).Append("\r\nContent-Type: multipart/alternative; boundary=\"").Append(alternative).Append("\"\r\n\r\n");
                AppendAlternative(text, alternative, body);
                AppendAttachment(text, mixed, random, attachmentBytes, anyCharset: true);
                break;
            default: // a note and a forwarded message that carries the attachment
                text.Append("--").Append(mixed).Append("\r\n");
                AppendLegacyText(text, random, body);
                var inner = Boundary(random);
                text.Append("--").Append(mixed).Append("\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n");
                text.Append("From: ").Append(Mailbox(random, anyCharset: true).Header).Append("\r\nTo: ").Append(Mailbox(random, anyCharset: true).Header)
                    .Append("\r\nSubject: ").Append(Subject(random, false, anyCharset: true)).Append("\r\nDate: ").Append(Rfc5322Date(date.AddDays(-3)))
                    .Append("\r\nMessage-ID: <").Append(MessageId(random, index + 1_000_000))
                    .Append(">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"").Append(inner).Append("\"\r\n\r\n");
                text.Append("--").Append(inner).Append("\r\n");
                AppendLegacyText(text, random, body);
                AppendAttachment(text, inner, random, attachmentBytes, anyCharset: true);
                text.Append("--").Append(inner).Append("--\r\n");
                break;
        }

        text.Append("--").Append(mixed).Append("--\r\n");
        var flags = random.Next(2) == 0 ? "S" : "";
        return new SeedMessage(Encoding.UTF8.GetBytes(text.ToString()), date.AddSeconds(random.Next(5, 600)), flags);
    }

    /// <summary>A text part (its MIME header included) in UTF-8, or quoted-printable Latin-1, or base64 KOI8-R.</summary>
    private static void AppendLegacyText(StringBuilder text, Random random, StringBuilder body)
    {
        switch (random.Next(3))
        {
            case 0:
                text.Append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").Append(body);
                break;
            case 1:
                text.Append("Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                text.Append(body.ToString().Replace("e", "=E9", StringComparison.Ordinal));
                break;
            default:
                var russian = "Добрый день, коллеги.\r\n" + body;
                AppendBase64(text.Append("Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: base64\r\n\r\n"),
                    LegacyEncoding("koi8-r").GetBytes(russian));
                break;
        }
    }

    private static (string Address, string Header) Mailbox(Random random, bool anyCharset = false)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var local = Ascii($"{first}.{last}").ToLowerInvariant();
        var address = $"{local}@{Domains[random.Next(Domains.Length)]}";
        var name = $"{first} {last}";
        string header;
        if (random.Next(6) == 0)
        {
            header = address; // a bare address
        }
        else if (name.Any(c => c > 0x7e))
        {
            header = $"{EncodedWord(name, random, anyCharset)} <{address}>";
        }
        else
        {
            header = name.Contains('\'', StringComparison.Ordinal) ? $"\"{name}\" <{address}>" : $"{name} <{address}>";
        }

        return (address, header);
    }

    private static void AppendAddressList(StringBuilder text, string field, Random random, int count, bool anyCharset = false)
    {
        text.Append(field).Append(": ");
        switch (random.Next(40))
        {
            case 0:
                // Sent to a hidden list: an empty group.
                text.Append("undisclosed-recipients:;\r\n");
                return;
            case 1:
                // A named group of addresses (RFC 5322 group syntax).
                text.Append("Project team: ");
                AppendMailboxes(text, random, count, anyCharset);
                text.Append(";\r\n");
                return;
        }

        AppendMailboxes(text, random, count, anyCharset);
        text.Append("\r\n");
    }

    private static void AppendMailboxes(StringBuilder text, Random random, int count, bool anyCharset)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(",\r\n ");
            }

            text.Append(Mailbox(random, anyCharset).Header);
        }
    }

    private static string Subject(Random random, bool isReply, bool anyCharset = false)
    {
        string subject;
        if (random.Next(anyCharset ? 2 : 4) == 0)
        {
            subject = EncodedWord(ForeignSubjects[random.Next(ForeignSubjects.Length)], random, anyCharset);
        }
        else
        {
            var words = new string[2 + random.Next(7)];
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = Words[random.Next(Words.Length)];
            }

            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            subject = string.Join(' ', words);
            if (random.Next(8) == 0)
            {
                subject += $" \"v{random.Next(1, 9)}.{random.Next(10)}\" (final)";
            }
        }

        return isReply ? (random.Next(3) == 0 ? "Fwd: " : "Re: ") + subject : subject;
    }

    /// <summary>
    /// An RFC 2047 encoded word, base64 or quoted-printable. The summaries corpus uses UTF-8 or (half the time) the
    /// first of <see cref="SummaryCharsets"/> after a random start that holds the value; the large corpus, with
    /// <paramref name="anyCharset"/>, picks among the <see cref="LegacyCharsets"/> that can spell it.
    /// </summary>
    private static string EncodedWord(string value, Random random, bool anyCharset = false)
    {
        var charset = "UTF-8";
        var bytes = Encoding.UTF8.GetBytes(value);
        if (anyCharset)
        {
            var fitting = LegacyCharsets.Where(c => CanEncode(c, value)).ToList();
            if (fitting.Count > 0 && random.Next(4) != 0)
            {
                charset = fitting[random.Next(fitting.Count)];
                bytes = LegacyEncoding(charset).GetBytes(value);
            }
        }
        else if (random.Next(2) == 0)
        {
            // The first charset after a random start that encodes the value without loss.
            var start = random.Next(SummaryCharsets.Length);
            for (var i = 0; i < SummaryCharsets.Length; i++)
            {
                var name = SummaryCharsets[(start + i) % SummaryCharsets.Length];
                try
                {
                    bytes = LegacyEncoding(name).GetBytes(value);
                    charset = name;
                    break;
                }
                catch (EncoderFallbackException)
                {
                }
            }
        }

        // ISO-2022-JP switches character sets with escape sequences, which Q encoding would spell badly: B in the
        // large corpus (the summaries capture was recorded with the plain coin toss).
        if (random.Next(2) == 0 || (anyCharset && charset == "ISO-2022-JP"))
        {
            return $"=?{charset}?B?{Convert.ToBase64String(bytes)}?=";
        }

        var q = new StringBuilder("=?").Append(charset).Append("?Q?");
        foreach (var b in bytes)
        {
            if (b == (byte)' ')
            {
                q.Append('_');
            }
            else if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9')
            {
                q.Append((char)b);
            }
            else
            {
                q.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return q.Append("?=").ToString();
    }

    /// <summary>
    /// The legacy charsets real mail still uses, as senders label them (case varies), for the summaries corpus.
    /// </summary>
    private static readonly string[] SummaryCharsets =
    [
        "iso-8859-1", "ISO-8859-15", "windows-1252", "iso-8859-2", "KOI8-R", "windows-1251", "ISO-8859-7", "iso-8859-9",
        "ISO-2022-JP", "Shift_JIS", "GB2312", "gbk", "EUC-KR", "Big5",
    ];

    private static readonly string[] LegacyCharsets =
        ["ISO-8859-1", "ISO-8859-2", "ISO-8859-7", "ISO-8859-9", "windows-1252", "KOI8-R", "ISO-2022-JP", "GB2312"];

    // The legacy code pages (KOI8-R, ISO-2022-JP, GB2312 …) are not in .NET's default set.
    private static readonly bool CodePagesRegistered = RegisterCodePages();

    private static bool RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    private static Encoding LegacyEncoding(string charset) => CodePagesRegistered
        ? Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        : throw new InvalidOperationException("The code pages are not registered.");

    private static bool CanEncode(string charset, string value)
    {
        try
        {
            return LegacyEncoding(charset).GetString(LegacyEncoding(charset).GetBytes(value)) == value;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static void AppendBase64(StringBuilder text, byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }
    }

    private static string Ascii(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '.')
            {
                sb.Append(c);
            }
            else if (c > 0x7e && char.IsLetter(c))
            {
                sb.Append('x');
            }
        }

        return sb.ToString();
    }

    private static string MessageId(Random random, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{index:x8}.{random.Next():x8}@{Domains[index % Domains.Length]}");

    private static string Boundary(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"----=_Part_{random.Next():x8}{random.Next():x8}");

    private static string Rfc5322Date(DateTimeOffset date) =>
        date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) +
        (date.Offset < TimeSpan.Zero ? "-" : "+") + date.Offset.ToString("hhmm", CultureInfo.InvariantCulture);

    private static void AppendParagraphs(StringBuilder text, Random random, int count)
    {
        text.Append("Hello,\r\n\r\n");
        for (var p = 0; p < count; p++)
        {
            for (var l = 1 + random.Next(4); l > 0; l--)
            {
                text.Append(BodyLines[random.Next(BodyLines.Length)]).Append("\r\n");
            }

            text.Append("\r\n");
        }

        text.Append("Best regards\r\n");
    }

    private static void AppendAlternative(StringBuilder text, string boundary, StringBuilder body)
    {
        text.Append("--").Append(boundary).Append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").Append(body);
        text.Append("--").Append(boundary).Append("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        text.Append("<html><body><p>").Append(body.ToString().Replace("\r\n\r\n", "</p>\r\n<p>", StringComparison.Ordinal)).Append("</p></body></html>\r\n");
        text.Append("--").Append(boundary).Append("--\r\n");
    }

    private static void AppendAttachment(StringBuilder text, string boundary, Random random, int size, bool anyCharset = false)
    {
        var (name, type) = random.Next(anyCharset ? 6 : 4) switch
        {
            0 => ("report.pdf", "application/pdf"),
            1 => ("photo.jpg", "image/jpeg"),
            2 => ("Übersicht März.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            3 => ("archive.zip", "application/zip"),
            4 => ("Отчёт за квартал.pdf", "application/pdf"),
            _ => ("会議の資料.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        };
        var encodedName = name.Any(c => c > 0x7e)
            ? anyCharset ? $"\"{EncodedWord(name, random, anyCharset)}\"" : $"\"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(name))}?=\""
            : $"\"{name}\"";
        text.Append("--").Append(boundary).Append("\r\nContent-Type: ").Append(type).Append("; name=").Append(encodedName)
            .Append("\r\nContent-Disposition: attachment; filename=").Append(encodedName)
            .Append("\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        var bytes = new byte[size];
        random.NextBytes(bytes);
        var base64 = Convert.ToBase64String(bytes);
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }
    }
}
