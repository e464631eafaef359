using System.Text;
using MimeKit;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// GetMessageAsync reads a message of up to 1 MiB whole before MimeKit parses it, and parses a larger one as it
/// streams: both give the tree MimeKit makes of the same bytes from disk, just under and just over the limit.
/// </summary>
public class GetMessageSizeTests : DovecotTests
{
    [TestCase(1024 * 1024 - 1, TestName = "GetMessageAsync_of_a_message_just_under_1_MiB_read_whole_matches_the_bytes")]
    [TestCase(1024 * 1024, TestName = "GetMessageAsync_of_a_message_of_exactly_1_MiB_read_whole_matches_the_bytes")]
    [TestCase(1024 * 1024 + 1, TestName = "GetMessageAsync_of_a_message_just_over_1_MiB_parsed_streaming_matches_the_bytes")]
    [TestCase(3 * 1024 * 1024, TestName = "GetMessageAsync_of_a_3_MiB_message_parsed_streaming_matches_the_bytes")]
    public async Task GetMessageAsync_matches_MimeKit_on_the_same_bytes(int size)
    {
        var bytes = MessageOfSize(size);
        Assert.That(bytes, Has.Length.EqualTo(size));
        var mailbox = IntegrationConnections.SeedMailbox(1);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var appended = await imap.AppendAsync(mailbox, new MemoryStream(bytes));
        await imap.ExamineAsync(mailbox);

        var fetched = await imap.GetMessageAsync(appended.Uid!.Value);
        var fromDisk = await MimeMessage.LoadAsync(new MemoryStream(bytes));
        Assert.That(Serialize(fetched), Is.EqualTo(Serialize(fromDisk)));
        Assert.That(fetched.Subject, Is.EqualTo("Größe"));
        Assert.That(fetched.Attachments.OfType<MimePart>().Single().FileName, Is.EqualTo("данные.bin"));

        // The connection is in step afterwards (the pooled buffer path read exactly the literal).
        await imap.NoopAsync();
    }

    /// <summary>A text part and a base64 attachment, padded with a comment header to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] MessageOfSize(int size)
    {
        const string Head = "From: a@example.org\r\nTo: b@example.org\r\nSubject: =?ISO-8859-1?Q?Gr=F6=DFe?=\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n";
        const string Body = "\r\n--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n--b\r\n" +
            "Content-Type: application/octet-stream; name=\"=?KOI8-R?B?xMHOztnFLmJpbg==?=\"\r\nContent-Disposition: attachment; filename=\"=?KOI8-R?B?xMHOztnFLmJpbg==?=\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n";
        const string Tail = "--b--\r\n";
        var lines = new StringBuilder();
        var line = new string('A', 76) + "\r\n";
        var fixedLength = Head.Length + Body.Length + Tail.Length + "X-Pad: \r\n".Length;
        while (fixedLength + lines.Length + line.Length <= size)
        {
            lines.Append(line);
        }

        var pad = new string('p', size - fixedLength - lines.Length);
        return Encoding.ASCII.GetBytes(Head + "X-Pad: " + pad + "\r\n" + Body + lines + Tail);
    }

    private static string Serialize(MimeMessage message)
    {
        var output = new MemoryStream();
        message.WriteTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
