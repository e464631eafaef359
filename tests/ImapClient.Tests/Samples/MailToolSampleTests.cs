using System.Globalization;
using System.Text;
using ImapClient.Tests.Infrastructure;
using ImapClient.TestServer;

namespace ImapClient.Tests.Samples;

/// <summary>Runs samples/MailTool as a separate process, with its documented command line, against Dovecot.</summary>
public class MailToolSampleTests : DovecotTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task List_shows_each_mailbox_with_its_message_and_unseen_counts()
    {
        var mailbox = Seed(Message(1, "S"), Message(2), Message(3));

        var result = await MailToolAsync("list");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Output, Does.Match($@"(?m)^{mailbox}\s+3 messages,\s+2 unseen$"), result.ToString);
        Assert.That(result.Output, Does.Match(@"(?m)^INBOX\s+\d+ messages,\s+\d+ unseen$"), result.ToString);
    }

    [Test]
    public async Task Newest_prints_date_sender_and_subject_of_the_newest_messages_newest_first()
    {
        var mailbox = IntegrationConnections.SeedMailbox(5);

        var result = await MailToolAsync("newest", "2", mailbox);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), result.ToString);
        for (var i = 0; i < 2; i++)
        {
            // SeedMailbox dates message n "Fri, 1 Mar 2024 09:0n:00 +0000"; the tool shows it in local time.
            var n = 5 - i;
            var date = new DateTimeOffset(2024, 3, 1, 9, n, 0, TimeSpan.Zero).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            Assert.That(lines[i], Does.Match($@"^\s*{n}\s+{date}\s+Sender {n} <sender{n}@example\.org>\s+Message {n}$"));
        }
    }

    [Test]
    public async Task Save_writes_the_message_byte_for_byte_as_the_server_holds_it()
    {
        // Large enough to arrive in many reads, with 8-bit text and a line of every byte value a message may hold.
        var body = new StringBuilder("Grüße aus Köln\r\n");
        for (var i = 0; i < 4000; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{i:D6} {Convert.ToBase64String(BitConverter.GetBytes((long)i * 7919))} the quick brown fox\r\n");
        }

        var content = Encoding.UTF8.GetBytes(
            "From: Ann <ann@example.org>\r\nTo: testuser@example.org\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body);
        var mailbox = Seed(new SeedMessage(content, new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        var path = Path.Combine(Path.GetTempPath(), $"mailtool-{Guid.NewGuid():N}.eml");
        try
        {
            var result = await MailToolAsync("save", "1", path, mailbox);

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Does.Contain($"({content.Length} bytes)"));
            var saved = await File.ReadAllBytesAsync(path);
            Assert.That(saved, Is.EqualTo(content), "the file holds the message as it was delivered");

            // And as the server reports it.
            await using var imap = await IntegrationConnections.LoginAsync("testuser");
            await imap.ExamineAsync(mailbox);
            var size = (await imap.UidFetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Size))).Single().Size;
            Assert.That(saved.LongLength, Is.EqualTo(size));
            Assert.That(File.Exists(path + ".part"), Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Save_of_a_missing_uid_is_one_error_line_a_non_zero_exit_and_no_file()
    {
        var mailbox = IntegrationConnections.SeedMailbox(1);
        var path = Path.Combine(Path.GetTempPath(), $"mailtool-{Guid.NewGuid():N}.eml");

        var result = await MailToolAsync("save", "99", path, mailbox);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "error: The server returned no message with UID 99." }));
        Assert.That(File.Exists(path) || File.Exists(path + ".part"), Is.False);
    }

    [Test]
    public async Task Watch_reports_new_flagged_and_expunged_messages_until_ctrl_c()
    {
        var mailbox = IntegrationConnections.SeedMailbox(2);
        await using var watch = RunningProgram.Start("dotnet", MailToolArguments("watch", mailbox));
        await watch.WaitForLineAsync(l => l == $"watching {mailbox} (2 messages); press Ctrl+C to stop", Patience, "that it is watching");

        await using var other = await IntegrationConnections.LoginAsync("testuser");
        await other.SelectAsync(mailbox);
        await other.AppendAsync(mailbox, new MemoryStream("From: Zoe <zoe@example.org>\r\nSubject: Fresh news\r\n\r\nhello\r\n"u8.ToArray()));
        await watch.WaitForLineAsync(l => l == "  new message 3 (UID 3) from Zoe <zoe@example.org>: Fresh news", Patience, "the new message");

        await other.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Flagged));
        await watch.WaitForLineAsync(l => l.StartsWith("flags of message 1: ", StringComparison.Ordinal) && l.Contains("\\Flagged", StringComparison.Ordinal), Patience, "the flag change");

        await other.StoreAsync(SequenceSet.Single(2), StoreAction.Add, new MessageFlags(SystemFlags.Deleted));
        await other.CloseMailboxAsync();   // CLOSE expunges the \Deleted message; the watcher hears EXPUNGE
        await watch.WaitForLineAsync(l => l == "expunged message 2, 2 messages", Patience, "the expunge");

        await watch.InterruptAsync();
        Assert.That(await watch.WaitForExitAsync(Patience), Is.Zero, watch.Error);
        Assert.That(watch.Output, Does.EndWith("stopped watching"));
        Assert.That(watch.Error, Is.Empty);
    }

    private static string Seed(params SeedMessage[] messages)
    {
        var name = "T" + Guid.NewGuid().ToString("N")[..12];
        DovecotFixture.Server.SeedMessages("testuser", name, messages);
        return name;
    }

    private static SeedMessage Message(int n, string flags = "") => new(
        Encoding.ASCII.GetBytes($"From: a@example.org\r\nSubject: Message {n}\r\n\r\nBody {n}.\r\n"),
        new DateTimeOffset(2024, 3, 1, 9, n, 0, TimeSpan.Zero), flags);

    private static Task<ProgramResult> MailToolAsync(params string[] arguments) =>
        Programs.RunAsync("dotnet", MailToolArguments(arguments), timeout: TimeSpan.FromMinutes(1));

    private static List<string> MailToolArguments(params string[] arguments)
    {
        var server = DovecotFixture.Server;
        return
        [
            Path.Combine(AppContext.BaseDirectory, "MailTool.dll"),
            "--host", server.Host, "--port", server.Port.ToString(CultureInfo.InvariantCulture),
            "--user", "testuser", "--password", server.Users["testuser"], "--tls", "none", "--insecure-allow-plaintext",
            .. arguments,
        ];
    }
}
