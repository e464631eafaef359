using System.Security.Cryptography;
using System.Text;
using MimeKit;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Append;

/// <summary>APPEND against Dovecot: what goes in comes back byte for byte, with flags, date and APPENDUID.</summary>
public class AppendIntegrationTests : DovecotTests
{
    [Test]
    public async Task A_MimeMessage_is_appended_with_flags_and_date_and_reads_back_identically()
    {
        var mailbox = IntegrationConnections.SeedMailbox(1);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ann Example", "ann@example.org"));
        message.To.Add(new MailboxAddress("Test User", "testuser@example.org"));
        message.Subject = "Appended with Grüße";
        message.Body = new TextPart("plain") { Text = "First line\nSecond line\n" };
        var date = new DateTimeOffset(2023, 11, 5, 8, 30, 15, TimeSpan.FromHours(2));

        var result = await imap.AppendAsync(mailbox, message, new MessageFlags(SystemFlags.Flagged, ["$Work"]), date);
        Assert.That(result.Uid, Is.Not.Null, "Dovecot offers UIDPLUS");
        Assert.That(result.UidValidity, Is.Not.Null);

        await imap.ExamineAsync(mailbox);
        var fetched = (await imap.UidFetchAsync(SequenceSet.Single(result.Uid!.Value),
            new FetchRequest(FetchItems.Flags | FetchItems.InternalDate).AddBodySection(""))).Single();
        var expected = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await message.WriteToAsync(format, expected);
        Assert.That(fetched.GetSection("")!.Value.ToArray(), Is.EqualTo(expected.ToArray()));
        Assert.That(fetched.Flags!.Contains(SystemFlags.Flagged) && fetched.Flags.Contains("$Work"), Is.True);
        Assert.That(fetched.InternalDate, Is.EqualTo(date));
        Assert.That(fetched.Message!.Subject, Is.EqualTo("Appended with Grüße"));
    }

    [Test]
    public async Task A_large_message_streams_from_a_file_and_reads_back_byte_for_byte()
    {
        var path = Path.GetTempFileName();
        try
        {
            // About 6 MB of base64 lines: large enough to need many writes, small enough for CI.
            await using (var file = File.Create(path))
            {
                await file.WriteAsync(Encoding.ASCII.GetBytes(
                    "From: big@example.org\r\nSubject: large\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n" +
                    "Content-Transfer-Encoding: base64\r\n\r\n"));
                var random = new Random(42);
                var chunk = new byte[57];
                for (var i = 0; i < 80_000; i++)
                {
                    random.NextBytes(chunk);
                    await file.WriteAsync(Encoding.ASCII.GetBytes(Convert.ToBase64String(chunk) + "\r\n"));
                }
            }

            var mailbox = IntegrationConnections.SeedMailbox(1);
            await using var imap = await IntegrationConnections.LoginAsync("testuser");
            AppendResult result;
            await using (var source = File.OpenRead(path))
            {
                result = await imap.AppendAsync(mailbox, source);
            }

            await imap.ExamineAsync(mailbox);
            var fetched = (await imap.UidFetchAsync(SequenceSet.Single(result.Uid!.Value), new FetchRequest().AddBodySection(""))).Single();
            var original = await File.ReadAllBytesAsync(path);
            Assert.That(fetched.GetSection("")!.Value.Length, Is.EqualTo(original.Length));
            Assert.That(SHA256.HashData(fetched.GetSection("")!.Value.Span), Is.EqualTo(SHA256.HashData(original)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Appending_to_a_missing_mailbox_fails_with_TRYCREATE()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var ex = Assert.ThrowsAsync<ImapCommandException>(() =>
            imap.AppendAsync("Does-Not-Exist", new MemoryStream("Subject: x\r\n\r\ny\r\n"u8.ToArray())));
        Assert.That(ex!.ResponseCode?.Kind, Is.EqualTo(ImapResponseCodeKind.TryCreate));
        await imap.NoopAsync();
    }
}
