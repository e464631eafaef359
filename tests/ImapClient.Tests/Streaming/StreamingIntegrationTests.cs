using System.Security.Cryptography;
using System.Text;
using MimeKit;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Streaming;

/// <summary>Messages of any size against Dovecot: streamed up and down, parsed by MimeKit from the connection.</summary>
public class StreamingIntegrationTests : DovecotTests
{
    /// <summary>200 MB by default, as the issue asks; IMAPCLIENT_LARGE_MESSAGE_MB makes it smaller or larger.</summary>
    private static int LargeMessageMegabytes =>
        int.TryParse(Environment.GetEnvironmentVariable("IMAPCLIENT_LARGE_MESSAGE_MB"), out var mb) && mb > 0 ? mb : 200;

    [Test]
    public async Task A_200_MB_message_goes_up_from_a_file_and_comes_back_to_a_file_byte_for_byte()
    {
        var upload = Path.GetTempFileName();
        var download = Path.GetTempFileName();
        try
        {
            await WriteLargeMessageAsync(upload, LargeMessageMegabytes * 1024L * 1024);
            var mailbox = IntegrationConnections.SeedMailbox(1);
            await using var imap = await IntegrationConnections.LoginAsync("testuser");
            AppendResult appended;
            await using (var source = File.OpenRead(upload))
            {
                appended = await imap.AppendAsync(mailbox, source);
            }

            await imap.ExamineAsync(mailbox);
            long written;
            await using (var target = File.Create(download))
            {
                written = await imap.DownloadAsync(appended.Uid!.Value, target);
            }

            Assert.That(written, Is.EqualTo(new FileInfo(upload).Length));
            Assert.That(await HashAsync(download), Is.EqualTo(await HashAsync(upload)));
            await imap.NoopAsync();
        }
        finally
        {
            File.Delete(upload);
            File.Delete(download);
        }
    }

    [Test]
    public async Task GetMessageAsync_gives_the_same_MimeKit_tree_as_parsing_the_bytes_from_disk()
    {
        var bytes = ComplexMessage();
        var mailbox = IntegrationConnections.SeedMailbox(1);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var appended = await imap.AppendAsync(mailbox, new MemoryStream(bytes));
        await imap.ExamineAsync(mailbox);

        var streamed = await imap.GetMessageAsync(appended.Uid!.Value);
        var fromDisk = await MimeMessage.LoadAsync(new MemoryStream(bytes));
        Assert.That(Describe(streamed.Body), Is.EqualTo(Describe(fromDisk.Body)));
        Assert.That(Serialize(streamed), Is.EqualTo(Serialize(fromDisk)));
        Assert.That(streamed.Subject, Is.EqualTo("Bericht über Größe"));
    }

    [Test]
    public async Task GetBodyPartAsync_finds_an_attachment_through_the_body_structure()
    {
        var bytes = ComplexMessage();
        var mailbox = IntegrationConnections.SeedMailbox(1);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var appended = await imap.AppendAsync(mailbox, new MemoryStream(bytes));
        await imap.ExamineAsync(mailbox);

        var structure = (await imap.UidFetchAsync(SequenceSet.Single(appended.Uid!.Value), new FetchRequest(FetchItems.BodyStructure))).Single().BodyStructure!;
        var pdf = Flatten(structure).OfType<BodyPartBasic>().Single(p => p.ContentType.MimeType == "application/pdf");
        var entity = (MimePart)await imap.GetBodyPartAsync(appended.Uid.Value, pdf);

        var expected = (await MimeMessage.LoadAsync(new MemoryStream(bytes))).Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "application/pdf");
        Assert.That(entity.FileName, Is.EqualTo("report.pdf"));
        Assert.That(Decode(entity), Is.EqualTo(Decode(expected)));
    }

    [Test]
    public async Task BINARY_streams_an_attachment_already_decoded()
    {
        var bytes = ComplexMessage();
        var mailbox = IntegrationConnections.SeedMailbox(1);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        Assert.That(imap.Capabilities.Contains("BINARY"), Is.True);
        var appended = await imap.AppendAsync(mailbox, new MemoryStream(bytes));
        await imap.ExamineAsync(mailbox);
        var structure = (await imap.UidFetchAsync(SequenceSet.Single(appended.Uid!.Value), new FetchRequest(FetchItems.BodyStructure))).Single().BodyStructure!;
        var pdf = Flatten(structure).OfType<BodyPartBasic>().Single(p => p.ContentType.MimeType == "application/pdf");
        Assert.That(pdf.ContentTransferEncoding, Is.EqualTo("BASE64"));

        var decoded = new MemoryStream();
        await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(appended.Uid.Value), new FetchRequest().AddBodySection(pdf.PartSpecifier, binary: true)))
        {
            Assert.That(body.Name, Is.EqualTo("BINARY"));
            await body.Content.CopyToAsync(decoded);
        }

        var expected = (await MimeMessage.LoadAsync(new MemoryStream(bytes))).Attachments.OfType<MimePart>().Single();
        Assert.That(decoded.ToArray(), Is.EqualTo(Decode(expected)));
    }

    private static IEnumerable<BodyPart> Flatten(BodyPart part) => part switch
    {
        BodyPartMultipart m => m.Parts.SelectMany(Flatten).Prepend(m),
        BodyPartMessage { Body: { } inner } msg => Flatten(inner).Prepend(msg),
        _ => [part],
    };

    private static byte[] Decode(MimePart part)
    {
        var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }

    private static string Describe(MimeEntity? entity) => entity switch
    {
        Multipart m => $"{m.ContentType.MimeType}[{string.Join(",", m.Select(Describe))}]",
        MessagePart p => $"{p.ContentType.MimeType}({Describe(p.Message?.Body)})",
        MimePart p => $"{p.ContentType.MimeType}:{p.ContentTransferEncoding}",
        null => "(none)",
        _ => entity.ContentType.MimeType,
    };

    private static string Serialize(MimeMessage message)
    {
        var output = new MemoryStream();
        message.WriteTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Nested multiparts, an attached message, base64 and quoted-printable parts, and raw 8-bit headers.</summary>
    private static byte[] ComplexMessage()
    {
        var inner = new MimeMessage();
        inner.From.Add(new MailboxAddress("Inner", "inner@example.org"));
        inner.Subject = "Forwarded";
        inner.Body = new TextPart("plain") { Text = "The forwarded text.\n" };

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = "Grüße aus Köln — plain\n", ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart("html") { Text = "<p>Grüße aus Köln</p>\n", ContentTransferEncoding = ContentEncoding.Base64 },
        };
        var pdf = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray())),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "report.pdf",
        };
        var mixed = new Multipart("mixed") { alternative, new MessagePart { Message = inner }, pdf };

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(new MailboxAddress("Test User", "testuser@example.org"));
        message.Subject = "placeholder";
        message.Body = mixed;
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        var output = new MemoryStream();
        message.WriteTo(format, output);

        // An 8-bit (raw UTF-8) Subject header, as some servers and clients still write them.
        var text = Encoding.UTF8.GetString(output.ToArray()).Replace("Subject: placeholder", "Subject: Bericht über Größe", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static async Task WriteLargeMessageAsync(string path, long approximateSize)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        await file.WriteAsync(Encoding.ASCII.GetBytes(
            "From: big@example.org\r\nSubject: large\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n"));
        var random = new Random(7);
        var chunk = new byte[57 * 1024];
        var line = new StringBuilder();
        long written = 0;
        while (written < approximateSize)
        {
            random.NextBytes(chunk);
            line.Clear();
            for (var i = 0; i < chunk.Length; i += 57)
            {
                line.Append(Convert.ToBase64String(chunk, i, 57)).Append("\r\n");
            }

            var bytes = Encoding.ASCII.GetBytes(line.ToString());
            await file.WriteAsync(bytes);
            written += bytes.Length;
        }
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await SHA256.HashDataAsync(file);
    }
}
