using System.Text;
using ImapClient.Tests.Infrastructure;
using MimeKit;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Append;

/// <summary>APPEND: literal kinds, refusal before the data, APPENDUID, and sources that lie about their length.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class AppendTests(Delivery delivery)
{
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("Subject: hello\r\nFrom: a@example.org\r\n\r\nHi there.\r\n");

    [Test]
    public async Task A_synchronizing_literal_waits_for_the_continuation_and_APPENDUID_is_returned()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n");
        var append = imap.AppendAsync("Sent", new MemoryStream(Message), new MessageFlags(SystemFlags.Seen, ["$Label1"]),
            new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7)));
        var tag = await server.ExpectCommandAsync($"APPEND Sent (\\Seen $Label1) \"17-Jul-1996 02:44:25 -0700\" {{{Message.Length}}}");
        var pending = await AssertClientSilentAsync(server, "the data waits for the server's +");
        await server.SendAsync("+ Ready for literal data\r\n");

        var data = new StringBuilder(await pending.WaitAsync(Patience));
        while (data.Length < Message.Length + 2)
        {
            data.Append(await server.ReadLineAsync());
        }

        Assert.That(data.ToString(), Is.EqualTo(Encoding.ASCII.GetString(Message) + "\r\n"));
        await server.SendAsync($"{tag} OK [APPENDUID 38505 3955] APPEND completed\r\n");
        var result = await append.WaitAsync(Patience);
        Assert.That((result.UidValidity, result.Uid), Is.EqualTo(((uint?)38505, (uint?)3955)));
    }

    [Test]
    public async Task A_NO_before_the_literal_fails_the_call_and_no_data_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var append = imap.AppendAsync("Missing", new MemoryStream(Message));
        var tag = await server.ExpectCommandAsync($"APPEND Missing {{{Message.Length}}}");
        await server.SendAsync($"{tag} NO [TRYCREATE] Mailbox does not exist\r\n");
        var ex = await CatchAsync(append);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(((ImapCommandException)ex!).ResponseCode!.Kind, Is.EqualTo(ImapResponseCodeKind.TryCreate));

        var noop = imap.NoopAsync();
        var next = await server.ReadLineAsync();
        Assert.That(SplitTag(next).Command, Is.EqualTo("NOOP"), "the message data was never written");
        await server.SendAsync($"{SplitTag(next).Tag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [TestCase("LITERAL+", 10_000, true)]
    [TestCase("LITERAL-", 4096, true)]
    [TestCase("LITERAL-", 4097, false)]
    public async Task Non_synchronizing_literals_are_used_only_where_the_capability_allows(string capability, int size, bool nonSynchronizing)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY IMAP4rev1 {capability}] ready\r\n");
        var body = new byte[size];
        Array.Fill(body, (byte)'x');
        var append = imap.AppendAsync("INBOX", new MemoryStream(body));
        var tag = await server.ExpectCommandAsync($"APPEND INBOX {{{size}{(nonSynchronizing ? "+" : "")}}}");
        Task<string> data;
        if (nonSynchronizing)
        {
            data = server.ReadLineAsync();
        }
        else
        {
            data = await AssertClientSilentAsync(server, "LITERAL- allows at most 4096 bytes without waiting");
            await server.SendAsync("+ go\r\n");
        }

        Assert.That(await data.WaitAsync(Patience), Is.EqualTo(new string('x', size) + "\r\n"));
        await server.SendAsync($"{tag} OK done\r\n");
        await append.WaitAsync(Patience);
    }

    [Test]
    public async Task A_source_shorter_than_announced_fails_and_closes_the_connection()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
        var append = imap.AppendAsync("INBOX", new MemoryStream(Message), Message.Length + 10);
        await server.ExpectCommandAsync($"APPEND INBOX {{{Message.Length + 10}+}}");
        var ex = await CatchAsync(append);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("short"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }

    [Test]
    public async Task A_MimeMessage_is_written_with_CRLF_line_endings_and_its_exact_length()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ann", "ann@example.org"));
        message.To.Add(new MailboxAddress("Bob", "bob@example.org"));
        message.Subject = "Grüße";
        message.Body = new TextPart("plain") { Text = "line one\nline two\n" };
        var expected = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await message.WriteToAsync(format, expected);

        var append = imap.AppendAsync("INBOX", message);
        var tag = await server.ExpectCommandAsync($"APPEND INBOX {{{expected.Length}+}}");
        var data = new StringBuilder();
        while (data.Length < expected.Length + 2)
        {
            data.Append(await server.ReadLineAsync());
        }

        Assert.That(data.ToString(), Is.EqualTo(Encoding.UTF8.GetString(expected.ToArray()) + "\r\n"));
        Assert.That(data.ToString(), Does.Not.Match("[^\r]\n"), "every line ends in CRLF");
        await server.SendAsync($"{tag} OK done\r\n");
        var result = await append.WaitAsync(Patience);
        Assert.That(result.Uid, Is.Null, "no APPENDUID without UIDPLUS");
    }
}
