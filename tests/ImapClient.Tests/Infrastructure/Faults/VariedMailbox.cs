using System.Globalization;
using System.Security.Cryptography;
using ImapClient.TestServer;
using MimeKit;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// A mailbox of messages that exercise the parser (encoded words, quoted strings with escapes, multiparts, a nested
/// message, base64 attachments, a large body, flags), and a canonical text of what a client reads from it, so two
/// runs over different transports can be compared character for character.
/// </summary>
internal static class VariedMailbox
{
    public const int Count = 12;

    /// <summary>The keyword runs set and clear again.</summary>
    public const string Keyword = "$Transport";

    public static async Task<string> SeedAsync()
    {
        var name = "V" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.FromHours(2));
        string[] flags = ["", "S", "F", "RS", "", "T", "S", "", "DS", "", "F", ""];
        FaultTestKit.Server.SeedMessages(FaultTestKit.User, name,
            Enumerable.Range(1, Count).Select(i => new SeedMessage(Content(i), start.AddHours(i), flags[i - 1])));

        // \Recent goes to whichever session looks first, and a keyword once used stays in the mailbox's FLAGS: do
        // both now, so every run sees the same mailbox.
        await using var imap = await FaultTestKit.LoginAsync(null, TimeSpan.FromSeconds(30));
        await imap.SelectAsync(name);
        await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.None, [Keyword]), silent: true);
        await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Remove, new MessageFlags(SystemFlags.None, [Keyword]), silent: true);
        await imap.LogoutAsync();
        return name;
    }

    private static byte[] Content(int i)
    {
        var random = new Random(i);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(i % 2 == 0 ? "Jürgen Müller" : "Ann \"Quoted\" O'Neil", $"from{i}@example.org"));
        message.To.Add(new MailboxAddress("Test User", "testuser@example.org"));
        if (i % 3 == 0)
        {
            message.Cc.Add(new MailboxAddress("Zoë \\ Backslash", $"cc{i}@example.net"));
        }

        message.Subject = (i % 4) switch
        {
            0 => $"Grüße {i}: ünïcödé in an encoded word",
            1 => $"Plain subject {i} with \"quotes\" and \\backslash\\",
            2 => $"A long subject {i} " + string.Concat(Enumerable.Repeat("that folds over several header lines ", 6)),
            _ => $"日本語の件名 {i}",
        };
        message.MessageId = $"varied{i}@example.org";
        message.Date = new DateTimeOffset(2024, 5, 1, 8, i, 0, TimeSpan.FromHours(-5));
        var text = new TextPart("plain") { Text = $"Body of message {i}.\n" + new string('x', 50 * i) + "\nÄnd a nön-ASCII line.\n" };
        message.Body = (i % 4) switch
        {
            1 => text,
            2 => new Multipart("mixed") { text, Attachment(random, 20_000, $"data{i}.bin") },
            3 => new Multipart("mixed") { text, new MessagePart { Message = Nested(i) } },
            _ => new TextPart("plain") { Text = string.Concat(Enumerable.Range(1, 1500).Select(n => $"Line {n} of a long body {i}.\n")) },
        };

        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var bytes = new MemoryStream();
        message.WriteTo(format, bytes);
        return bytes.ToArray();
    }

    private static MimePart Attachment(Random random, int size, string fileName)
    {
        var data = new byte[size];
        random.NextBytes(data);
        return new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(data)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }

    private static MimeMessage Nested(int i)
    {
        var nested = new MimeMessage { Subject = $"Forwarded {i}", MessageId = $"nested{i}@example.org" };
        nested.From.Add(new MailboxAddress("Inner", "inner@example.org"));
        nested.Body = new TextPart("html") { Text = $"<p>Inner body {i}</p>" };
        return nested;
    }

    /// <summary>Everything a test compares about a message, \Recent left out (it belongs to whoever looked first).</summary>
    public static string Describe(FetchedMessage m)
    {
        var flags = m.Flags is null ? "-" : new MessageFlags(m.Flags.System & ~SystemFlags.Recent, m.Flags.Keywords).ToString();
        var sections = string.Join(",", m.BodySections.Select(s => $"{s.Name}<{s.Origin}>:{Hash(s.Data)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"#{m.SequenceNumber} uid={m.Uid} flags=[{flags}] date={m.InternalDate:O} size={m.Size} env={Describe(m.Envelope)} body={Describe(m.BodyStructure)} sections=[{sections}]");
    }

    public static string Hash(ReadOnlyMemory<byte>? data) =>
        data is { } bytes ? $"{bytes.Length}/{Convert.ToHexString(SHA256.HashData(bytes.Span))[..16]}" : "NIL";

    private static string Describe(Envelope? e) => e is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture,
            $"({e.Date:O}|{e.Subject}|{e.From}|{e.Sender}|{e.ReplyTo}|{e.To}|{e.Cc}|{e.Bcc}|{e.InReplyTo}|{e.MessageId})");

    private static string Describe(BodyPart? part) => part switch
    {
        null => "-",
        BodyPartMultipart multi => $"{multi.PartSpecifier}:{multi.ContentType}[{string.Join(";", multi.Parts.Select(Describe))}]",
        BodyPartMessage message => $"{message.PartSpecifier}:{message.ContentType}/{message.Octets}/{message.Lines}{Describe(message.Envelope)}{{{Describe(message.Body)}}}",
        BodyPartText text => $"{text.PartSpecifier}:{text.ContentType}/{text.ContentTransferEncoding}/{text.Octets}/{text.Lines}",
        BodyPartBasic basic => $"{basic.PartSpecifier}:{basic.ContentType}/{basic.ContentTransferEncoding}/{basic.Octets}/{basic.ContentDisposition}",
        _ => part.ToString() ?? "?",
    };
}
